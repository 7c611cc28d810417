using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.PersonalData;

/// <summary>
/// Erasure on request (right to be forgotten, PIPL art. 47 / GDPR art. 17). Needs users.manage and compliance.manage
/// (a system administrator, or a compliance officer who is also a user administrator). A legal hold on the user refuses
/// the erasure (409 <c>legal_hold</c>) — nothing is changed, so the matter's evidence and the account stay intact until
/// the hold is released; messages in conversations under a hold are kept while the rest is erased. The user's messages
/// are purged through <see cref="MessageService.PurgeAsync"/> (the retention path: tombstones clients understand, files
/// released to the janitor); then the account is anonymised and everything personal removed in one transaction, and
/// every session and hub connection is ended. The audit event keeps the user's id and the counts, never the name.
/// </summary>
public sealed class ErasureService(Database database, WriteQueue writer, MessageService messages, SessionCache cache, Files.IBlobStore blobs,
    TimeProvider time, ILogger<ErasureService> logger)
{
    /// <summary>The name an erased account shows everywhere (clients may translate it by <c>username</c>'s prefix).</summary>
    public const string DeletedUserName = "Deleted user";

    /// <summary>Usernames starting with this are reserved for erased accounts (no one can create or rename into one).</summary>
    public const string UsernamePrefix = "deleted-user-";

    public const int BatchSize = 500;

    public static string PlaceholderUsername(long userId) => UsernamePrefix + userId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<UserErasureDto> EraseAsync(long userId, UserErasureRequest request, Actor actor)
    {
        actor.Require(Permissions.UsersManage);
        actor.Require(Permissions.ComplianceManage);
        if (actor.UserId == userId) throw ParleyException.Conflict("You cannot erase your own account; ask another administrator.");
        var plan = await PlanAsync(userId);
        var messagesDue = plan.MessagesByConversation.Where(m => !plan.HeldConversations.Contains(m.ConversationId)).ToList();
        var held = plan.MessagesByConversation.Where(m => plan.HeldConversations.Contains(m.ConversationId)).ToList();
        if (request.DryRun)
            return new UserErasureDto(userId, true, (int)messagesDue.Sum(m => m.Messages), (int)held.Sum(m => m.Messages), (int)plan.Files, (int)plan.HeldFiles,
                (int)plan.Sessions, (int)plan.Drafts, (int)plan.Bookmarks, (int)plan.Scheduled, (int)plan.Reminders, (int)plan.PushSubscriptions,
                (int)plan.Reactions, held.Count, (int)plan.Exports);

        // Messages first, a batch per write, so a big history does not hold the writer; a hold placed meanwhile stops it.
        int purged = 0, released = 0;
        foreach (var (conversationId, _) in messagesDue)
        {
            while (true)
            {
                if ((await PlanAsync(userId, holdsOnly: true)).HeldConversations.Contains(conversationId)) break;
                List<long> due;
                await using (var c = await database.OpenAsync()) due = await ErasureStore.DueAsync(c, userId, conversationId, BatchSize);
                if (due.Count == 0) break;
                var (m, f) = await messages.PurgeAsync(conversationId, due);
                purged += m; released += f;
                if (m == 0) break;
            }
        }

        var (removed, sessions) = await writer.ExecuteAsync(w =>
        {
            if (ErasureStore.UserHeld(w, userId)) throw HoldRefusal();
            var user = UserStore.Get(w, userId) ?? throw ParleyException.NotFound("The user");
            if (user.IsAdmin && UserStore.CountActiveWithRole(w, Roles.SystemAdmin, userId) == 0)
                throw new ParleyException(409, ErrorCodes.LastAdministrator, "This is the last active system administrator; make someone else one first.");
            var removed = ErasureStore.Erase(w, userId, PlaceholderUsername(userId), DeletedUserName, plan.HeldConversations);
            var sessions = SessionStore.Revoke(w, userId, null);
            SystemLog.Append(w, actor, SystemEventTypes.PersonalDataErased, userId, new
            {
                messages = purged, heldMessages = held.Sum(m => m.Messages), files = removed.Files + released, heldFiles = plan.HeldFiles,
                sessions = sessions.Count, removed.Drafts, removed.Bookmarks, scheduledMessages = removed.Scheduled, removed.Reminders,
                removed.PushSubscriptions, removed.Reactions, heldConversations = held.Select(m => m.ConversationId), removed.Exports,
            });
            return (removed, sessions.Count);
        });
        cache.EvictUser(userId, ended: true); // closes the user's hub connections on every node
        foreach (var key in removed.Blobs) await blobs.DeleteAsync(key, CancellationToken.None);
        logger.LogInformation("User {UserId} erased: {Messages} messages, {Files} files; {Held} messages kept under legal hold",
            userId, purged, removed.Files + released, held.Sum(m => m.Messages));
        return new UserErasureDto(userId, false, purged, (int)held.Sum(m => m.Messages), removed.Files + released, (int)plan.HeldFiles, sessions,
            removed.Drafts, removed.Bookmarks, removed.Scheduled, removed.Reminders, removed.PushSubscriptions, removed.Reactions, held.Count, removed.Exports);
    }

    private async Task<ErasureStore.Plan> PlanAsync(long userId, bool holdsOnly = false)
    {
        await using var c = await database.OpenAsync();
        var plan = await ErasureStore.PlanAsync(c, userId, time.GetUtcNow().ToUnixTimeMilliseconds(), holdsOnly);
        if (!plan.Exists) throw ParleyException.NotFound("The user");
        if (plan.UserHeld) throw HoldRefusal();
        return plan;
    }

    private static ParleyException HoldRefusal() =>
        new(409, ErrorCodes.LegalHold, "A legal hold covers this user: nothing was erased. Release the hold first (Admin console → Retention).");
}

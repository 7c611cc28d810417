using System.Data.Common;
using Dapper;
using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.PersonalData;

/// <summary>What erasing a user removes: counted for the dry run, then removed (messages go through MessageService.PurgeAsync).</summary>
public static class ErasureStore
{
    public sealed record Plan(
        bool Exists, bool UserHeld, IReadOnlyList<long> HeldConversations, IReadOnlyList<(long ConversationId, long Messages)> MessagesByConversation,
        long Files, long HeldFiles, long Sessions, long Drafts, long Bookmarks, long Scheduled, long Reminders, long PushSubscriptions, long Reactions,
        long Exports);

    /// <param name="holdsOnly">Only whether the user exists and the holds (no counts): the re-check between batches.</param>
    public static async Task<Plan> PlanAsync(DbConnection c, long userId, long now, bool holdsOnly = false)
    {
        if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE id = @userId", new { userId }) == 0)
            return new Plan(false, false, [], [], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var holds = (await c.QueryAsync<(string, long)>("SELECT target_type, target_id FROM legal_holds WHERE released_at IS NULL")).AsList();
        var userHeld = holds.Any(h => h.Item1 == LegalHoldTargets.User && h.Item2 == userId);
        var held = holds.Where(h => h.Item1 == LegalHoldTargets.Conversation).Select(h => h.Item2).ToHashSet();
        if (holdsOnly) return new Plan(true, userHeld, [.. held.Order()], [], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var byConversation = (await c.QueryAsync<(long, long)>(
            "SELECT conversation_id, count(*) FROM messages WHERE sender_id = @userId AND purged_at IS NULL GROUP BY conversation_id ORDER BY conversation_id",
            new { userId })).AsList();
        var files = (await c.QueryAsync<long?>("SELECT conversation_id FROM files WHERE uploader_id = @userId AND deleted_at IS NULL", new { userId })).AsList();
        long Count(string sql) => c.ExecuteScalar<long>(sql, new { userId, now });
        return new Plan(true, userHeld, [.. held.Order()], byConversation,
            files.Count(f => f is not { } id || !held.Contains(id)), files.Count(f => f is { } id && held.Contains(id)),
            Count("SELECT count(*) FROM sessions WHERE user_id = @userId AND revoked_at IS NULL AND expires_at > @now"),
            Count("SELECT count(*) FROM drafts WHERE user_id = @userId"),
            Count("SELECT count(*) FROM bookmarks WHERE user_id = @userId"),
            Count("SELECT count(*) FROM scheduled_messages WHERE user_id = @userId"),
            Count("SELECT count(*) FROM reminders WHERE user_id = @userId"),
            Count("SELECT count(*) FROM push_subscriptions WHERE user_id = @userId"),
            await ReactionsAsync(c, userId, held),
            Count($"SELECT count(*) FROM compliance_exports WHERE {PersonalExports}"));
    }

    private static async Task<long> ReactionsAsync(DbConnection c, long userId, IReadOnlyCollection<long> held) =>
        await c.ExecuteScalarAsync<long>(
            $"SELECT count(*) FROM reactions r JOIN messages m ON m.id = r.message_id WHERE r.user_id = @userId {NotHeld(c, held)}",
            new { userId, held = Sql.List(c, held) });

    private static string NotHeld(DbConnection c, IReadOnlyCollection<long> held) =>
        held.Count == 0 ? "" : $"AND NOT ({Sql.In(c, "m.conversation_id", "held")})";

    /// <summary>The next batch of the user's messages in one conversation whose content is still kept.</summary>
    public static async Task<List<long>> DueAsync(DbConnection c, long userId, long conversationId, int limit) =>
        (await c.QueryAsync<long>(
            "SELECT id FROM messages WHERE sender_id = @userId AND conversation_id = @conversationId AND purged_at IS NULL ORDER BY id LIMIT @limit",
            new { userId, conversationId, limit })).AsList();

    public static bool UserHeld(WriteContext w, long userId) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM legal_holds WHERE target_type = 'user' AND target_id = @userId AND released_at IS NULL",
            new { userId }, w.Transaction) > 0;

    /// <summary>The user's personal data exports that still have (or will have) a zip.</summary>
    private const string PersonalExports = "kind = 'personal' AND subject_id = @userId AND status IN ('queued', 'running', 'done')";

    public sealed record Removed(int Files, int Drafts, int Bookmarks, int Scheduled, int Reminders, int PushSubscriptions, int Reactions,
        IReadOnlyList<string> Blobs, int Exports, bool Avatar);

    /// <summary>
    /// Anonymises the account and removes what belongs to the user alone, in one transaction: the account becomes
    /// inactive with a placeholder username and a neutral name, profile fields, avatar and external identity cleared; second
    /// factor, roles, departments, drafts, bookmarks, scheduled messages, reminders, push subscriptions and settings,
    /// unfinished uploads and reactions (outside held conversations) are deleted; uploaded files outside held
    /// conversations are hidden so the file janitor removes their bytes; a visitor's service conversations forget their
    /// name, e-mail and origin. Sessions are revoked by the caller.
    /// </summary>
    public static Removed Erase(WriteContext w, long userId, string username, string displayName, IReadOnlyCollection<long> heldConversations)
    {
        var c = w.Connection;
        var args = new DynamicParameters(new { userId, username, displayName, now = w.NowMs });
        args.Add("held", Sql.List(c, heldConversations));
        int Run(string sql) => c.Execute(sql, args, w.Transaction);
        Run("""
            UPDATE users SET username = @username, display_name = @displayName, password_hash = NULL, external_id = NULL, email = NULL, title = NULL, phone = NULL,
                employee_number = NULL, manager_id = NULL, name_keys = NULL, is_active = 0, must_change_password = 0, erased_at = @now
            WHERE id = @userId
            """);
        Run("UPDATE users SET manager_id = NULL WHERE manager_id = @userId");
        var heldFiles = heldConversations.Count == 0 ? "" : $"AND (conversation_id IS NULL OR NOT ({Sql.In(c, "conversation_id", "held")}))";
        var files = Run($"UPDATE files SET deleted_at = @now WHERE uploader_id = @userId AND deleted_at IS NULL {heldFiles}");
        var reactions = Run($"DELETE FROM reactions WHERE user_id = @userId AND message_id IN (SELECT m.id FROM messages m WHERE 1 = 1 {NotHeld(c, heldConversations)})");
        Run("DELETE FROM scheduled_message_files WHERE scheduled_id IN (SELECT id FROM scheduled_messages WHERE user_id = @userId)");
        // Personal data exports of the user: a finished one's zip goes (the caller deletes the blobs after the commit); one
        // still queued or being written fails, and its worker discards what it wrote (Finish needs status running).
        var blobs = c.Query<string>($"SELECT blob_key FROM compliance_exports WHERE {PersonalExports} AND blob_key IS NOT NULL", args, w.Transaction).AsList();
        var exports = Run($"""
            UPDATE compliance_exports SET status = CASE WHEN status = 'done' THEN 'expired' ELSE 'failed' END,
                error = CASE WHEN status = 'done' THEN error ELSE 'The user was erased.' END,
                expired_at = CASE WHEN status = 'done' THEN @now ELSE expired_at END, blob_key = NULL, finished_at = coalesce(finished_at, @now)
            WHERE {PersonalExports}
            """);
        // A visitor's service conversations: what they typed in the widget's form and where they came from.
        Service.ServiceStore.ForgetVisitor(w, userId, displayName);
        // The avatar: its row now, its renditions with the zips after the commit.
        var avatarKey = Avatars.AvatarStore.Delete(w, userId);
        if (avatarKey is not null) blobs.AddRange(Avatars.AvatarRenderer.Sides.Select(side => Avatars.AvatarStore.BlobOf(avatarKey, side)));
        var removed = new Removed(files,
            Run("DELETE FROM drafts WHERE user_id = @userId"),
            Run("DELETE FROM bookmarks WHERE user_id = @userId"),
            Run("DELETE FROM scheduled_messages WHERE user_id = @userId"),
            Run("DELETE FROM reminders WHERE user_id = @userId"),
            Run("DELETE FROM push_subscriptions WHERE user_id = @userId"),
            reactions, blobs, exports, avatarKey is not null);
        foreach (var table in (string[])["user_totp", "user_recovery_codes", "user_roles", "department_members", "push_settings", "uploads", "scim_users", "oidc_links", "translation_preferences"])
            Run($"DELETE FROM {table} WHERE user_id = @userId");
        return removed;
    }
}

using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Conversations;

/// <summary>
/// Conversation rules: who may see, join, invite, remove, rename. Authorization is decided here, inside
/// the writer's transaction for writes, so REST and hub calls share it. A user who may not see a group or
/// direct conversation gets "not found", never "forbidden": existence is not disclosed.
/// </summary>
public sealed class ConversationService(ConversationStore store, WriteQueue writer, TextPipeline pipeline, IOptions<ConversationsOptions> options)
{
    private ConversationsOptions O => options.Value;

    public async Task<ConversationDto> CreateAsync(long userId, CreateConversationRequest request)
    {
        var kind = request.Kind;
        var memberIds = (request.MemberIds ?? []).Where(id => id != userId).Distinct().ToArray();
        var screened = new List<ScreenedText>();
        string? name = await ScreenAsync(TextKind.ConversationName, CleanText(request.Name, "name", O.MaxNameLength), userId, 0, screened);
        string? topic = await ScreenAsync(TextKind.ConversationTopic, CleanText(request.Topic, "topic", O.MaxTopicLength), userId, 0, screened);
        switch (kind)
        {
            case ConversationKinds.Direct:
                if (memberIds.Length > 1 || (request.MemberIds ?? []).Length == 0)
                    throw ParleyException.Invalid("memberIds", "A direct conversation takes exactly one other user in memberIds.");
                name = null;
                break;
            case ConversationKinds.Group or ConversationKinds.Channel:
                if (string.IsNullOrEmpty(name)) throw ParleyException.Invalid("name", "A group or channel needs a name.");
                if (memberIds.Length + 1 > O.MaxMembers)
                    throw new ParleyException(400, ErrorCodes.MemberLimit, $"A conversation may have at most {O.MaxMembers} members.");
                break;
            default:
                throw ParleyException.Invalid("kind", "kind must be one of: direct, group, channel.");
        }

        var id = await writer.ExecuteAsync(w =>
        {
            var existing = ConversationStore.ExistingActiveUsers(w, memberIds);
            if (existing.Count != memberIds.Length) throw ParleyException.Invalid("memberIds", "Some memberIds are not active users.");
            if (kind == ConversationKinds.Direct)
            {
                var other = memberIds.Length == 0 ? userId : memberIds[0];
                var key = ConversationStore.DirectKey(userId, other);
                if (ConversationStore.FindDirect(w, key) is { } found)
                {
                    // Someone who left a direct conversation gets it back, history included.
                    Join(w, found, userId, MemberRoles.Member, actor: userId);
                    return found;
                }
                var directId = ConversationStore.Insert(w, kind, null, null, key, userId);
                Join(w, directId, userId, MemberRoles.Member, actor: userId);
                if (other != userId) Join(w, directId, other, MemberRoles.Member, actor: userId);
                return directId;
            }
            var newId = ConversationStore.Insert(w, kind!, name, topic, null, userId);
            foreach (var text in screened) text.RecordFlags(w, newId);
            Join(w, newId, userId, MemberRoles.Owner, actor: userId);
            foreach (var m in memberIds) Join(w, newId, m, MemberRoles.Member, actor: userId);
            return newId;
        });
        return await GetAsync(userId, id);
    }

    internal static void Join(WriteContext w, long conversationId, long userId, string role, long actor)
    {
        if (!ConversationStore.UpsertMember(w, conversationId, userId, role, readSeq: 0)) return;
        var appended = EventLog.AppendAndPublish(w, conversationId, EventTypes.MemberJoined, actor, null, new MemberEventData(userId, role, actor));
        ConversationStore.MarkMemberChanged(w, conversationId, userId, appended.EventId);
    }

    internal static void Leave(WriteContext w, long conversationId, long userId, long actor)
    {
        if (!ConversationStore.DeactivateMember(w, conversationId, userId)) return;
        var appended = EventLog.AppendAndPublish(w, conversationId, EventTypes.MemberLeft, actor, null, new MemberEventData(userId, null, actor));
        ConversationStore.MarkMemberChanged(w, conversationId, userId, appended.EventId);
    }

    /// <summary>The conversation as the user sees it. Channels are discoverable; groups and directs exist only for members.</summary>
    public async Task<ConversationDto> GetAsync(long userId, long id)
    {
        var c = await store.FindAsync(id, userId);
        if (c is null || (c.Role is null && c.Kind != ConversationKinds.Channel)) throw ParleyException.NotFound("The conversation");
        return await ToDtoAsync(c, userId);
    }

    public async Task<IReadOnlyList<ConversationDto>> ListAsync(long userId) => await ToDtosAsync(await store.ListForUserAsync(userId), userId);

    public async Task<SyncResponse> SyncAsync(long userId, long since)
    {
        // Take the cursor first: anything committed after it is reported again next time, never missed.
        var cursor = await store.MaxEventIdAsync();
        var changed = await ToDtosAsync(await store.ListForUserAsync(userId, since), userId);
        // Also for since = 0: on PostgreSQL a cursor may legitimately be 0 (see MaxEventIdAsync), and a client that
        // never knew a conversation simply ignores its removal.
        var removed = await store.RemovedSinceAsync(userId, since);
        return new SyncResponse(cursor, changed, removed);
    }

    public async Task<IReadOnlyList<ConversationDto>> BrowseChannelsAsync(long userId, string? query, int? limit) =>
        await ToDtosAsync(await store.BrowseChannelsAsync(userId, query, Paging.Limit(limit)), userId);

    public async Task<IReadOnlyList<MemberDto>> MembersAsync(long userId, long id)
    {
        await RequireMemberAsync(userId, id);
        return (await store.MembersAsync(id)).Select(m => new MemberDto(m.UserId, m.Username, m.DisplayName, m.Role, m.ReadSeq, m.Muted, UnixMs.To(m.JoinedAt), Avatars.AvatarStore.UrlOf(m.UserId, m.AvatarKey))).ToList();
    }

    /// <summary>Throws 404 unless the user is an active member. Returns the record for further checks.</summary>
    public async Task<ConversationRecord> RequireMemberAsync(long userId, long id) => Member(await store.FindAsync(id, userId));

    private static ConversationRecord Member(ConversationRecord? c) => c?.Role is null ? throw ParleyException.NotFound("The conversation") : c;

    public async Task<ConversationRecord?> RequireMemberOrNullAsync(long userId, long id)
    {
        var c = await store.FindAsync(id, userId);
        return c?.Role is null ? null : c;
    }

    internal static ConversationRecord RequireMember(WriteContext w, long userId, long id)
    {
        var c = ConversationStore.Find(w, id, userId);
        if (c?.Role is null) throw ParleyException.NotFound("The conversation");
        return c;
    }

    /// <summary>Moves the member's read position forward inside a write (posting counts as reading up to one's own message).</summary>
    internal static void AdvanceRead(WriteContext w, long conversationId, long userId, long seq) => ConversationStore.AdvanceRead(w, conversationId, userId, seq);

    internal static bool IsManager(ConversationRecord c) => c.Role is MemberRoles.Owner or MemberRoles.Admin;

    internal static void RequireWritable(ConversationRecord c)
    {
        if (c.IsArchived) throw new ParleyException(409, ErrorCodes.ConversationArchived, "The conversation is archived.");
    }


    public async Task AddMembersAsync(long userId, long id, long[]? userIds)
    {
        var ids = (userIds ?? []).Distinct().ToArray();
        if (ids.Length == 0) throw ParleyException.Invalid("userIds", "userIds must name at least one user.");
        if (ids.Length > O.MaxMembers) throw new ParleyException(400, ErrorCodes.MemberLimit, $"A conversation may have at most {O.MaxMembers} members.");
        await writer.ExecuteAsync(w =>
        {
            var c = RequireMember(w, userId, id);
            RequireWritable(c);
            if (c.Kind == ConversationKinds.Direct) throw ParleyException.Forbidden("Members of a direct conversation cannot change; start a group instead.");
            if (c.Kind == ConversationKinds.Group && !IsManager(c)) throw ParleyException.Forbidden("Only the group's owners and admins may add members.");
            if (ConversationStore.ExistingActiveUsers(w, ids).Count != ids.Length) throw ParleyException.Invalid("userIds", "Some userIds are not active users.");
            var newcomers = ids.Count(u => ConversationStore.Role(w, id, u) is null);
            if (c.MemberCount + newcomers > O.MaxMembers)
                throw new ParleyException(409, ErrorCodes.MemberLimit, $"A conversation may have at most {O.MaxMembers} members.");
            foreach (var u in ids) Join(w, id, u, MemberRoles.Member, actor: userId);
            return 0;
        });
    }

    public async Task RemoveMemberAsync(long userId, long id, long targetId)
    {
        await writer.ExecuteAsync(w =>
        {
            var c = RequireMember(w, userId, id);
            if (c.Kind == ConversationKinds.Direct && targetId != userId) throw ParleyException.Forbidden("Members of a direct conversation cannot be removed.");
            var targetRole = ConversationStore.Role(w, id, targetId) ?? throw ParleyException.NotFound("The member");
            if (targetId != userId)
            {
                if (!IsManager(c)) throw ParleyException.Forbidden("Only owners and admins may remove members.");
                if (targetRole == MemberRoles.Owner && c.Role != MemberRoles.Owner) throw ParleyException.Forbidden("Only an owner may remove an owner.");
            }
            Leave(w, id, targetId, actor: userId);
            EnsureOwner(w, id, actor: userId);
            return 0;
        });
    }

    /// <summary>A group or channel whose last owner left passes ownership to its senior admin or member.</summary>
    internal static void EnsureOwner(WriteContext w, long id, long actor)
    {
        if (ConversationStore.CountRole(w, id, MemberRoles.Owner) > 0) return;
        if (ConversationStore.NextOwnerCandidate(w, id) is not { } next) return;
        var c = ConversationStore.Find(w, id, next)!;
        if (c.Kind == ConversationKinds.Direct) return;
        ConversationStore.SetRole(w, id, next, MemberRoles.Owner);
        EventLog.AppendAndPublish(w, id, EventTypes.MemberRoleChanged, actor, null, new MemberEventData(next, MemberRoles.Owner, actor));
    }

    public async Task JoinAsync(long userId, long id)
    {
        await writer.ExecuteAsync(w =>
        {
            var c = ConversationStore.Find(w, id, userId);
            if (c is null || (c.Kind != ConversationKinds.Channel && c.Role is null)) throw ParleyException.NotFound("The conversation");
            if (c.Role is not null) return 0;
            RequireWritable(c);
            if (c.MemberCount + 1 > O.MaxMembers) throw new ParleyException(409, ErrorCodes.MemberLimit, $"A conversation may have at most {O.MaxMembers} members.");
            Join(w, id, userId, MemberRoles.Member, actor: userId);
            return 0;
        });
    }

    public Task LeaveAsync(long userId, long id) => RemoveMemberAsync(userId, id, userId);

    public async Task SetRoleAsync(long userId, long id, long targetId, string? role)
    {
        if (role is not (MemberRoles.Owner or MemberRoles.Admin or MemberRoles.Member))
            throw ParleyException.Invalid("role", "role must be one of: owner, admin, member.");
        await writer.ExecuteAsync(w =>
        {
            var c = RequireMember(w, userId, id);
            if (c.Kind == ConversationKinds.Direct) throw ParleyException.Forbidden("A direct conversation has no roles.");
            if (c.Role != MemberRoles.Owner) throw ParleyException.Forbidden("Only an owner may change roles.");
            var current = ConversationStore.Role(w, id, targetId) ?? throw ParleyException.NotFound("The member");
            if (current == role) return 0;
            if (current == MemberRoles.Owner && ConversationStore.CountRole(w, id, MemberRoles.Owner) == 1)
                throw new ParleyException(409, ErrorCodes.Conflict, "The last owner cannot step down; make someone else owner first.");
            ConversationStore.SetRole(w, id, targetId, role);
            EventLog.AppendAndPublish(w, id, EventTypes.MemberRoleChanged, userId, null, new MemberEventData(targetId, role, userId));
            return 0;
        });
    }

    public async Task<ConversationDto> UpdateAsync(long userId, long id, UpdateConversationRequest request)
    {
        var screened = new List<ScreenedText>();
        var name = await ScreenAsync(TextKind.ConversationName, CleanText(request.Name, "name", O.MaxNameLength), userId, id, screened);
        var topic = request.Topic is null ? null : await ScreenAsync(TextKind.ConversationTopic, CleanText(request.Topic, "topic", O.MaxTopicLength), userId, id, screened) ?? "";
        var announcement = request.Announcement is null ? null
            : await ScreenAsync(TextKind.ConversationAnnouncement, CleanText(request.Announcement, "announcement", O.MaxAnnouncementLength, multiline: true), userId, id, screened) ?? "";
        if (request.Name is not null && string.IsNullOrEmpty(name)) throw ParleyException.Invalid("name", "The name must not be empty.");
        await writer.ExecuteAsync(w =>
        {
            var c = RequireMember(w, userId, id);
            if (c.Kind == ConversationKinds.Direct) throw ParleyException.Forbidden("A direct conversation has no settings to change.");
            if (!IsManager(c)) throw ParleyException.Forbidden("Only owners and admins may change the settings.");
            if (c.IsArchived && request.IsArchived != false) RequireWritable(c);
            ConversationStore.Update(w, id, name, topic, announcement, request.IsArchived);
            foreach (var text in screened) text.RecordFlags(w, id);
            EventLog.AppendAndPublish(w, id, EventTypes.ConversationUpdated, userId, null,
                new ConversationUpdatedData(name, topic, announcement, request.IsArchived, userId));
            return 0;
        });
        return await GetAsync(userId, id);
    }

    /// <summary>
    /// Turns the conversation's watermark on or off for everyone in it: its owners and admins may (a direct
    /// conversation has none), and so may holders of compliance.manage, members or not. Others: 404 when not a member,
    /// 403 otherwise. Members see the change live (conversation.updated); the system log records who did it.
    /// </summary>
    public async Task SetWatermarkAsync(Actor actor, long id, bool on)
    {
        var userId = actor.UserId ?? throw ParleyException.Forbidden("A signed-in user sets the watermark.");
        var compliance = actor.Has(Permissions.ComplianceManage);
        await writer.ExecuteAsync(w =>
        {
            var c = ConversationStore.Find(w, id, userId) ?? throw ParleyException.NotFound("The conversation");
            if (!compliance)
            {
                if (c.Role is null) throw ParleyException.NotFound("The conversation");
                if (!IsManager(c)) throw ParleyException.Forbidden("Only the conversation's owners and admins, or compliance officers, may change its watermark.");
            }
            if (c.Watermark == on) return 0;
            ConversationStore.SetWatermark(w, id, on);
            SystemLog.Append(w, actor, SystemEventTypes.ConversationWatermarkChanged, id, new { watermark = on }, id);
            EventLog.AppendAndPublish(w, id, EventTypes.ConversationUpdated, userId, null,
                new ConversationUpdatedData(null, null, null, null, userId, on));
            return 0;
        });
    }

    public async Task SetMutedAsync(long userId, long id, bool muted)
    {
        await writer.ExecuteAsync(w =>
        {
            RequireMember(w, userId, id);
            ConversationStore.SetMuted(w, id, userId, muted);
            return 0;
        });
    }

    public async Task MarkReadAsync(long userId, long id, long seq)
    {
        if (seq < 0) throw ParleyException.Invalid("seq", "seq must not be negative.");
        await writer.ExecuteAsync(w =>
        {
            RequireMember(w, userId, id);
            if (ConversationStore.AdvanceRead(w, id, userId, seq) is { } readSeq)
                w.Publish(new EventDto(EventTypes.Receipt, id, null, new ReceiptEventData(userId, readSeq), UnixMs.To(w.NowMs)));
            return 0;
        });
    }

    private async Task<IReadOnlyList<ConversationDto>> ToDtosAsync(IReadOnlyList<ConversationRecord> records, long userId)
    {
        var dtos = new List<ConversationDto>(records.Count);
        foreach (var c in records) dtos.Add(await ToDtoAsync(c, userId));
        return dtos;
    }

    public async Task<ConversationDto> ToDtoAsync(ConversationRecord c, long userId)
    {
        var (unread, mentions) = c.Role is not null && c.LastSeq > c.ReadSeq ? await store.CountsAsync(c.Id, userId, c.ReadSeq) : (0, 0);
        return new ConversationDto(c.Id, c.Kind, c.Name, c.Topic, c.Announcement, c.IsArchived, c.LastSeq, c.ReadSeq, unread, mentions,
            c.Muted, c.Role, c.MemberCount, UnixMs.To(c.CreatedAt), UnixMs.To(c.LastActivityAt), ConversationStore.DirectUsers(c), c.Watermark);
    }

    /// <summary>Passes a non-empty text through the pipeline, keeping the result for its flags; null and "" pass as they are.</summary>
    private async Task<string?> ScreenAsync(TextKind kind, string? text, long userId, long conversationId, List<ScreenedText> screened)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var result = await pipeline.ScreenAsync(new TextCandidate(kind, text, userId, conversationId));
        screened.Add(result);
        return result.Text;
    }

    private static string? CleanText(string? value, string field, int max, bool multiline = false)
    {
        if (value is null) return null;
        var v = value.Trim();
        if (v.Length > max) throw ParleyException.Invalid(field, $"{field} must be at most {max} characters.");
        if (v.Any(ch => char.IsControl(ch) && !(multiline && ch is '\n' or '\r' or '\t')))
            throw ParleyException.Invalid(field, $"{field} must not contain control characters.");
        return v.Length == 0 ? null : v;
    }
}

using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Organisation;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.ConversationAdmin;

/// <summary>
/// The administrator's view of every conversation (conversations.manage): search, archive, transfer ownership,
/// membership, default channels and department groups. Members see each change live through the conversation's own
/// events (member.joined/left, member.role_changed, conversation.updated); the system stream records who did it.
/// Membership rules that protect members from each other (only owners remove owners…) do not bind the administrator,
/// but the conversation's shape does: a direct conversation keeps its two people and has no owner.
/// </summary>
public sealed class ConversationAdminService(ConversationAdminStore store, ConversationStore conversations, WriteQueue writer, IOptions<ConversationsOptions> options)
{
    private int MaxMembers => options.Value.MaxMembers;

    public async Task<IReadOnlyList<AdminConversationDto>> SearchAsync(string? query, string? kind, bool? archived, int? limit, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        if (kind is not (null or ConversationKinds.Direct or ConversationKinds.Group or ConversationKinds.Channel))
            throw ParleyException.Invalid("kind", "kind must be one of: direct, group, channel.");
        if (query is { Length: > 100 }) throw ParleyException.Invalid("query", "Search for at most 100 characters.");
        return await store.SearchAsync(query, kind, archived, Paging.Limit(limit, 100));
    }

    public async Task<AdminConversationDto> GetAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        return await store.GetAsync(id) ?? throw ParleyException.NotFound("The conversation");
    }

    public async Task<IReadOnlyList<MemberDto>> MembersAsync(long id, Actor actor)
    {
        await GetAsync(id, actor);
        return (await conversations.MembersAsync(id)).Select(m => new MemberDto(m.UserId, m.Username, m.DisplayName, m.Role, m.ReadSeq, m.Muted, UnixMs.To(m.JoinedAt))).ToList();
    }

    private static ConversationRecord Find(WriteContext w, long id) =>
        ConversationStore.Find(w, id, 0) ?? throw ParleyException.NotFound("The conversation");

    private static void RequireNotDirect(ConversationRecord c, string what)
    {
        if (c.Kind == ConversationKinds.Direct) throw ParleyException.Invalid("id", $"A direct conversation {what}.");
    }

    private static long AdminActor(Actor actor) => actor.UserId ?? 0;

    public async Task<AdminConversationDto> SetArchivedAsync(long id, bool archived, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        await writer.ExecuteAsync(w =>
        {
            var c = Find(w, id);
            RequireNotDirect(c, "cannot be archived");
            if (c.IsArchived == archived) return 0;
            ConversationStore.Update(w, id, null, null, null, archived);
            EventLog.AppendAndPublish(w, id, EventTypes.ConversationUpdated, AdminActor(actor), null,
                new ConversationUpdatedData(null, null, null, archived, AdminActor(actor)));
            return SystemLog.Append(w, actor, archived ? SystemEventTypes.ConversationArchived : SystemEventTypes.ConversationUnarchived, id,
                new { c.Name, c.Kind }, conversationId: id);
        });
        return await GetAsync(id, actor);
    }

    /// <summary>Makes a member the owner; the owners before become admins (they keep managing, but it is no longer theirs).</summary>
    public async Task<AdminConversationDto> TransferOwnershipAsync(long id, long newOwner, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        await writer.ExecuteAsync(w =>
        {
            var c = Find(w, id);
            RequireNotDirect(c, "has no owner");
            var role = ConversationStore.Role(w, id, newOwner) ?? throw ParleyException.Invalid("userId", "The new owner must be a member of the conversation.");
            var previous = ConversationAdminStore.MemberRoles(w, id).Where(m => m.Value == MemberRoles.Owner && m.Key != newOwner).Select(m => m.Key).ToList();
            if (role == MemberRoles.Owner && previous.Count == 0) return 0;
            var by = AdminActor(actor);
            if (role != MemberRoles.Owner)
            {
                ConversationStore.SetRole(w, id, newOwner, MemberRoles.Owner);
                EventLog.AppendAndPublish(w, id, EventTypes.MemberRoleChanged, by, null, new MemberEventData(newOwner, MemberRoles.Owner, by));
            }
            foreach (var p in previous)
            {
                ConversationStore.SetRole(w, id, p, MemberRoles.Admin);
                EventLog.AppendAndPublish(w, id, EventTypes.MemberRoleChanged, by, null, new MemberEventData(p, MemberRoles.Admin, by));
            }
            return SystemLog.Append(w, actor, SystemEventTypes.ConversationOwnerTransferred, id, new { from = previous, to = newOwner }, conversationId: id);
        });
        return await GetAsync(id, actor);
    }

    public async Task AddMembersAsync(long id, long[]? userIds, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        var ids = (userIds ?? []).Distinct().ToArray();
        if (ids.Length == 0) throw ParleyException.Invalid("userIds", "userIds must name at least one user.");
        if (ids.Length > MaxMembers) throw new ParleyException(400, ErrorCodes.MemberLimit, $"A conversation may have at most {MaxMembers} members.");
        await writer.ExecuteAsync(w =>
        {
            var c = Find(w, id);
            RequireNotDirect(c, "keeps its two people");
            ConversationService.RequireWritable(c);
            if (ConversationStore.ExistingActiveUsers(w, ids).Count != ids.Length) throw ParleyException.Invalid("userIds", "Some userIds are not active users.");
            var current = ConversationAdminStore.MemberRoles(w, id);
            var newcomers = ids.Where(u => !current.ContainsKey(u)).ToList();
            if (c.MemberCount + newcomers.Count > MaxMembers)
                throw new ParleyException(409, ErrorCodes.MemberLimit, $"A conversation may have at most {MaxMembers} members.");
            foreach (var u in newcomers)
            {
                ConversationService.Join(w, id, u, MemberRoles.Member, actor: AdminActor(actor));
                SystemLog.Append(w, actor, SystemEventTypes.ConversationMemberAddedByAdmin, id, new { userId = u }, conversationId: id);
            }
            return 0;
        });
    }

    public async Task RemoveMemberAsync(long id, long userId, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        await writer.ExecuteAsync(w =>
        {
            var c = Find(w, id);
            RequireNotDirect(c, "keeps its two people");
            _ = ConversationStore.Role(w, id, userId) ?? throw ParleyException.NotFound("The member");
            ConversationService.Leave(w, id, userId, actor: AdminActor(actor));
            ConversationService.EnsureOwner(w, id, actor: AdminActor(actor));
            return SystemLog.Append(w, actor, SystemEventTypes.ConversationMemberRemovedByAdmin, id, new { userId }, conversationId: id);
        });
    }

    /// <summary>Marks a channel as a default one (new users join it: <see cref="DefaultChannelJoins"/>); optionally joins every active user now.</summary>
    public async Task<AdminConversationDto> SetDefaultAsync(long id, bool addExistingUsers, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        await writer.ExecuteAsync(w =>
        {
            var c = Find(w, id);
            if (c.Kind != ConversationKinds.Channel) throw ParleyException.Invalid("id", "Only a channel can be a default channel.");
            ConversationService.RequireWritable(c);
            var joined = 0;
            if (addExistingUsers)
            {
                var current = ConversationAdminStore.MemberRoles(w, id);
                var everyone = ConversationAdminStore.ActiveUsers(w).Where(u => !current.ContainsKey(u)).ToList();
                if (c.MemberCount + everyone.Count > MaxMembers)
                    throw new ParleyException(409, ErrorCodes.MemberLimit, $"A conversation may have at most {MaxMembers} members; not everyone fits.");
                foreach (var u in everyone) ConversationService.Join(w, id, u, MemberRoles.Member, actor: u);
                joined = everyone.Count;
            }
            if (ConversationAdminStore.IsDefault(w, id) && !addExistingUsers) return 0;
            if (!ConversationAdminStore.IsDefault(w, id)) ConversationAdminStore.SetDefault(w, id, true);
            return SystemLog.Append(w, actor, SystemEventTypes.ConversationDefaultSet, id, new { c.Name, addExistingUsers, joined }, conversationId: id);
        });
        return await GetAsync(id, actor);
    }

    public async Task<AdminConversationDto> UnsetDefaultAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        await writer.ExecuteAsync(w =>
        {
            var c = Find(w, id);
            if (!ConversationAdminStore.IsDefault(w, id)) return 0;
            ConversationAdminStore.SetDefault(w, id, false);
            return SystemLog.Append(w, actor, SystemEventTypes.ConversationDefaultUnset, id, new { c.Name }, conversationId: id);
        });
        return await GetAsync(id, actor);
    }

    /// <summary>Links a group to a department and brings its membership in line at once (in the same transaction).</summary>
    public async Task<AdminConversationDto> LinkDepartmentAsync(long id, LinkDepartmentRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        await writer.ExecuteAsync(w =>
        {
            var c = Find(w, id);
            if (c.Kind != ConversationKinds.Group) throw ParleyException.Invalid("id", "Only a group can follow a department.");
            ConversationService.RequireWritable(c);
            Link(w, id, request, actor);
            return 0;
        });
        return await GetAsync(id, actor);
    }

    private void Link(WriteContext w, long id, LinkDepartmentRequest request, Actor actor)
    {
        var department = DepartmentStore.Get(w, request.DepartmentId) ?? throw ParleyException.Invalid("departmentId", "The department does not exist.");
        ConversationAdminStore.Link(w, id, department.Id, request.IncludeSubDepartments, actor.UserId);
        var (added, removed) = DepartmentGroupSync.Reconcile(w, new DepartmentGroupLink { ConversationId = id, DepartmentId = department.Id, IncludeSub = request.IncludeSubDepartments }, MaxMembers);
        SystemLog.Append(w, actor, SystemEventTypes.ConversationDepartmentLinked, id,
            new { departmentId = department.Id, department = department.Name, includeSubDepartments = request.IncludeSubDepartments, added, removed }, conversationId: id);
    }

    public async Task<AdminConversationDto> UnlinkDepartmentAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        await writer.ExecuteAsync(w =>
        {
            _ = Find(w, id);
            return ConversationAdminStore.Unlink(w, id) ? SystemLog.Append(w, actor, SystemEventTypes.ConversationDepartmentUnlinked, id, null, conversationId: id) : 0;
        });
        return await GetAsync(id, actor);
    }

    /// <summary>Creates a group owned by the administrator, linked to the department, with the department's people in it.</summary>
    public async Task<AdminConversationDto> CreateDepartmentGroupAsync(CreateDepartmentGroupRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.ConversationsManage);
        if (actor.UserId is not { } owner) throw ParleyException.Forbidden("A department group is created by a signed-in administrator.");
        var name = request.Name?.Trim();
        if (name is { Length: > 0 } && (name.Length > options.Value.MaxNameLength || name.Any(char.IsControl)))
            throw ParleyException.Invalid("name", $"name must be at most {options.Value.MaxNameLength} characters with no control characters.");
        var id = await writer.ExecuteAsync(w =>
        {
            var department = DepartmentStore.Get(w, request.DepartmentId) ?? throw ParleyException.Invalid("departmentId", "The department does not exist.");
            var groupName = name is { Length: > 0 } ? name : department.Name;
            var newId = ConversationStore.Insert(w, ConversationKinds.Group, groupName, null, null, owner);
            ConversationService.Join(w, newId, owner, MemberRoles.Owner, actor: owner);
            Link(w, newId, new LinkDepartmentRequest(department.Id, request.IncludeSubDepartments), actor);
            return newId;
        });
        return await GetAsync(id, actor);
    }
}

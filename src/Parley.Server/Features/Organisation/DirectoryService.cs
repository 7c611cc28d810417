using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Organisation;

/// <summary>
/// The organisation directory: a department tree of any depth (users may be in several departments), profile fields,
/// and search. Everyone signed in may read it; changing it needs users.manage, except one's own display name, title
/// and phone. Every change is recorded in the system stream (department.*, user.profile_changed).
/// </summary>
public sealed partial class DirectoryService(DepartmentStore departments, DirectoryStore directory, UserService users, WriteQueue writer, SessionCache cache)
{
    public const int MaxQueryLength = 64;

    public Task<IReadOnlyList<DepartmentDto>> DepartmentsAsync() => departments.ListAsync();

    public Task<IReadOnlyList<DirectoryEntryDto>> MembersAsync(long departmentId) => directory.MembersAsync(departmentId);

    public async Task<IReadOnlyList<DirectoryEntryDto>> SearchAsync(string? q)
    {
        var query = q?.Trim() ?? "";
        if (query.Length == 0) return [];
        if (query.Length > MaxQueryLength) throw ParleyException.Invalid("q", $"Search for at most {MaxQueryLength} characters.");
        return await directory.SearchAsync(UserStore.EscapeLike(query.ToLowerInvariant()), Pinyin.NormalizeQuery(query));
    }

    public async Task<DirectoryProfileDto> ProfileAsync(long userId) => await directory.ProfileAsync(userId) ?? throw ParleyException.NotFound("The user");

    private static string ValidName(string? name)
    {
        var n = name?.Trim() ?? "";
        if (n.Length is 0 or > 100 || n.Any(char.IsControl)) throw ParleyException.Invalid("name", "A department name is 1–100 characters with no control characters.");
        return n;
    }

    public async Task<DepartmentDto> CreateAsync(CreateDepartmentRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        var name = ValidName(request.Name);
        return await writer.ExecuteAsync(w =>
        {
            if (request.ParentId is { } p && DepartmentStore.Get(w, p) is null) throw ParleyException.Invalid("parentId", "The parent department does not exist.");
            var id = DepartmentStore.Insert(w, name, request.ParentId);
            SystemLog.Append(w, actor, SystemEventTypes.DepartmentCreated, id, new { name, parentId = request.ParentId });
            return DepartmentStore.Get(w, id)!;
        });
    }

    public async Task<DepartmentDto> UpdateAsync(long id, UpdateDepartmentRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        var name = request.Name is null ? null : ValidName(request.Name);
        if (request.MoveToTop && request.ParentId is not null) throw ParleyException.Invalid("parentId", "Give parentId or moveToTop, not both.");
        return await writer.ExecuteAsync(w =>
        {
            var before = DepartmentStore.Get(w, id) ?? throw ParleyException.NotFound("The department");
            if (name is not null && name != before.Name) DepartmentStore.Rename(w, id, name);
            long? parent = request.MoveToTop ? null : request.ParentId ?? before.ParentId;
            if (parent != before.ParentId)
            {
                if (parent is { } p)
                {
                    if (DepartmentStore.Get(w, p) is null) throw ParleyException.Invalid("parentId", "The parent department does not exist.");
                    // Moving under itself or one of its own sub-departments would cut the subtree off the tree.
                    if (DepartmentStore.Ancestry(w, p).Contains(id)) throw ParleyException.Invalid("parentId", "A department cannot move under itself or its own sub-department.");
                }
                DepartmentStore.Move(w, id, parent);
            }
            SystemLog.Append(w, actor, SystemEventTypes.DepartmentChanged, id, new { from = new { before.Name, before.ParentId }, to = new { name = name ?? before.Name, parentId = parent } });
            return DepartmentStore.Get(w, id)!;
        });
    }

    public async Task DeleteAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        await writer.ExecuteAsync(w =>
        {
            var before = DepartmentStore.Get(w, id) ?? throw ParleyException.NotFound("The department");
            if (before.MemberCount > 0 || DepartmentStore.HasChildren(w, id))
                throw new ParleyException(409, ErrorCodes.DepartmentNotEmpty, "Move its members and sub-departments elsewhere first.");
            DepartmentStore.Delete(w, id);
            return SystemLog.Append(w, actor, SystemEventTypes.DepartmentDeleted, id, new { before.Name, before.ParentId });
        });
    }

    public async Task AddMemberAsync(long id, long userId, Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        await users.GetAsync(userId); // 404 for no such user
        await writer.ExecuteAsync(w =>
        {
            _ = DepartmentStore.Get(w, id) ?? throw ParleyException.NotFound("The department");
            if (DepartmentStore.AddMember(w, id, userId)) SystemLog.Append(w, actor, SystemEventTypes.DepartmentMemberAdded, id, new { userId });
            return 0;
        });
    }

    public async Task RemoveMemberAsync(long id, long userId, Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        await writer.ExecuteAsync(w =>
        {
            _ = DepartmentStore.Get(w, id) ?? throw ParleyException.NotFound("The department");
            if (!DepartmentStore.RemoveMember(w, id, userId)) throw ParleyException.NotFound("The member");
            return SystemLog.Append(w, actor, SystemEventTypes.DepartmentMemberRemoved, id, new { userId });
        });
    }

    private static string? ValidField(string? value, string field, int max)
    {
        if (value is null) return null;
        var v = value.Trim();
        if (v.Length > max || v.Any(char.IsControl)) throw ParleyException.Invalid(field, $"{field} is at most {max} characters with no control characters.");
        return v;
    }

    /// <summary>
    /// A phone number as people write them: an optional leading +, digits with spaces, dots, dashes, slashes or
    /// parentheses between, 3–20 digits, and an optional extension ("x 12", "ext. 12", "转 12"). "" clears it.
    /// </summary>
    internal static string? ValidPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return phone;
        var match = PhonePattern().Match(phone);
        var digits = match.Success ? match.Groups["number"].Value.Count(char.IsAsciiDigit) : 0;
        if (digits is < 3 or > 20)
            throw ParleyException.Invalid("phone", "A phone number is digits (3–20) with an optional leading +, spaces, dashes, dots or parentheses, and an optional extension.");
        return phone;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<number>\+?[0-9(][0-9 ().\/-]*[0-9])(?:\s*(?:x|ext\.?|转|分机)\s*[0-9]{1,8})?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PhonePattern();

    /// <summary>Changes profile fields: one's own display name, title and phone; anyone's (and employee number, manager) with users.manage.</summary>
    public async Task<DirectoryProfileDto> UpdateProfileAsync(long userId, UpdateProfileRequest request, Actor actor)
    {
        var self = actor.UserId == userId;
        if (!self || request.EmployeeNumber is not null || request.ManagerId is not null || request.ClearManager) actor.Require(Contracts.Permissions.UsersManage);
        var title = ValidField(request.Title, "title", 100);
        var phone = ValidPhone(ValidField(request.Phone, "phone", 40));
        var number = ValidField(request.EmployeeNumber, "employeeNumber", 40);
        if (request.ManagerId == userId) throw ParleyException.Invalid("managerId", "Nobody is their own manager.");
        if (request.DisplayName is not null)
            await users.UpdateAsync(userId, new UpdateUserRequest(request.DisplayName, null, null), actor);
        await writer.ExecuteAsync(w =>
        {
            _ = UserStore.Get(w, userId) ?? throw ParleyException.NotFound("The user");
            if (request.ManagerId is { } m)
            {
                if (UserStore.Get(w, m) is null) throw ParleyException.Invalid("managerId", "The manager does not exist.");
                if (DirectoryStore.ManagesTransitively(w, userId, m)) throw ParleyException.Invalid("managerId", "That would make a circle of managers.");
            }
            if (title is null && phone is null && number is null && request.ManagerId is null && !request.ClearManager) return 0;
            DirectoryStore.SetProfile(w, userId, title, phone, number, request.ManagerId, request.ClearManager);
            return SystemLog.Append(w, actor, SystemEventTypes.UserProfileChanged, userId,
                new { title, phone, employeeNumber = number, managerId = request.ManagerId, clearManager = request.ClearManager });
        });
        cache.EvictUser(userId, ended: false);
        return await ProfileAsync(userId);
    }
}

namespace Parley.Contracts;

/// <summary>A department of the organisation tree; <c>parentId</c> null at the top. <c>memberCount</c> counts direct members.</summary>
public sealed record DepartmentDto(long Id, string Name, long? ParentId, int MemberCount);

public sealed record CreateDepartmentRequest(string? Name, long? ParentId);

/// <summary>Renames and/or moves: a null field is unchanged; <c>moveToTop</c> makes it a top-level department.</summary>
public sealed record UpdateDepartmentRequest(string? Name, long? ParentId, bool MoveToTop = false);

public sealed record DepartmentRef(long Id, string Name);

/// <summary>GET /directory/search: a person as the directory shows them.</summary>
public sealed record DirectoryEntryDto(long Id, string Username, string DisplayName, IReadOnlyList<DepartmentRef> Departments, string? Title, string? AvatarUrl = null);

public sealed record UserRef(long Id, string Username, string DisplayName);

/// <summary>A profile card: what colleagues see of someone.</summary>
public sealed record DirectoryProfileDto(
    long Id, string Username, string DisplayName, string? Title, string? Phone, string? EmployeeNumber, UserRef? Manager,
    IReadOnlyList<DepartmentRef> Departments, bool IsActive, string? AvatarUrl = null);

/// <summary>
/// Profile fields; null leaves a field unchanged, an empty string clears it. Users change their own display name,
/// title and phone; employee number and manager are set by administrators (users.manage). <c>clearManager</c> removes the manager.
/// </summary>
public sealed record UpdateProfileRequest(string? DisplayName, string? Title, string? Phone, string? EmployeeNumber = null, long? ManagerId = null, bool ClearManager = false);

namespace Parley.Contracts;

/// <summary>
/// A conversation as the admin console lists it (conversations.manage): every kind, archived ones too.
/// <c>Participants</c> names the two people of a direct conversation (it has no name); <c>Department</c> is set for a
/// department group, whose membership follows the department.
/// </summary>
public sealed record AdminConversationDto(
    long Id, string Kind, string? Name, int MemberCount, DateTimeOffset LastActivityAt, bool IsArchived, bool IsDefault,
    IReadOnlyList<string>? Participants, DepartmentLinkDto? Department);

public sealed record DepartmentLinkDto(long DepartmentId, string DepartmentName, bool IncludeSubDepartments);

/// <summary>PUT /admin/conversations/{id}/owner: the member who becomes the owner (the previous owners become admins).</summary>
public sealed record TransferOwnershipRequest(long UserId);

/// <summary>PUT /admin/conversations/{id}/default: a channel every new user joins; <c>AddExistingUsers</c> also joins everyone now.</summary>
public sealed record SetDefaultChannelRequest(bool AddExistingUsers);

/// <summary>PUT /admin/conversations/{id}/department: the group's members follow the department (and its sub-departments when asked).</summary>
public sealed record LinkDepartmentRequest(long DepartmentId, bool IncludeSubDepartments);

/// <summary>POST /admin/department-groups: a new group linked to the department; the name defaults to the department's.</summary>
public sealed record CreateDepartmentGroupRequest(long DepartmentId, string? Name, bool IncludeSubDepartments);

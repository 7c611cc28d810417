namespace Parley.Contracts;

/// <summary>Where a directory account's departments come from: the OUs of its DN under the base, one attribute, or nowhere.</summary>
public static class LdapDepartmentSources
{
    public const string OrganizationalUnits = "ou";
    public const string Attribute = "attribute";
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [OrganizationalUnits, Attribute, None];
}

/// <summary>Which directory attribute becomes <c>users.external_id</c>: a stable id survives renames and moves; <c>dn</c> does not.</summary>
public static class LdapIdAttributes
{
    public const string EntryUuid = "entryUUID";
    public const string ObjectGuid = "objectGUID";
    public const string Dn = "dn";

    public static readonly IReadOnlyList<string> All = [EntryUuid, ObjectGuid, Dn];
}

/// <summary>Directory attribute names for each profile field (empty: not synced).</summary>
public sealed record LdapAttributeMapDto(
    string Username, string DisplayName, string? Email, string? Title, string? Phone, string? EmployeeNumber, string? Department);

/// <summary>
/// The LDAP / Active Directory settings in effect. The bind password is never sent: <c>bindPasswordSet</c> says whether one
/// is stored. <c>source</c>: <c>settings</c> when an administrator saved them in the console, else <c>configuration</c> (appsettings).
/// <c>userFilter</c> contains <c>{0}</c> where the typed username goes (escaped per RFC 4515).
/// </summary>
public sealed record LdapSettingsDto(
    bool Enabled, string? Url, string? BindDn, bool BindPasswordSet, string? BaseDn, string UserFilter, string? SyncFilter,
    string? DisabledFilter, string IdAttribute, string DepartmentSource, LdapAttributeMapDto Attributes, int SyncIntervalMinutes,
    bool DeactivateMissing, int TimeoutSeconds, string Source);

/// <summary>
/// Saves the settings (system.manage). <c>bindPassword</c> null keeps the stored one; "" removes it.
/// </summary>
public sealed record UpdateLdapSettingsRequest(
    bool Enabled, string? Url, string? BindDn, string? BindPassword, string? BaseDn, string? UserFilter, string? SyncFilter,
    string? DisabledFilter, string? IdAttribute, string? DepartmentSource, LdapAttributeMapDto? Attributes, int? SyncIntervalMinutes,
    bool? DeactivateMissing = null, int? TimeoutSeconds = null);

/// <summary>
/// The answer of "test connection": <c>ok</c>, or the error <c>code</c> (ldap_unreachable, ldap_bind_failed,
/// ldap_base_not_found, ldap_filter_invalid, ldap_error) with a message for the administrator; how many accounts the sync
/// filter finds (up to 1000) when it worked.
/// </summary>
public sealed record LdapTestResultDto(bool Ok, string? Code, string Message, int? UsersFound, double ElapsedMs);

/// <summary>One account in a sync report: what the sync does or did to it (<c>changes</c>: the fields that differ).</summary>
public sealed record LdapSyncEntryDto(string Username, string? DisplayName, string? Dn, IReadOnlyList<string>? Changes = null, string? Reason = null);

/// <summary>
/// What a sync would do (<c>dryRun</c>) or did. <c>seen</c>: directory accounts found; <c>skipped</c>: accounts left alone
/// with the reason (invalid username, taken by a local account, …). Lists hold at most 500 entries each; the counts are exact.
/// </summary>
public sealed record LdapSyncReportDto(
    DateTimeOffset At, bool DryRun, string Trigger, int Seen, int CreatedCount, int UpdatedCount, int DeactivatedCount,
    IReadOnlyList<LdapSyncEntryDto> Created, IReadOnlyList<LdapSyncEntryDto> Updated, IReadOnlyList<LdapSyncEntryDto> Deactivated,
    IReadOnlyList<string> DepartmentsCreated, IReadOnlyList<LdapSyncEntryDto> Skipped, double ElapsedMs);

/// <summary>GET /api/v1/admin/ldap: the settings and the report of the last real sync (null before the first).</summary>
public sealed record LdapStateDto(LdapSettingsDto Settings, LdapSyncReportDto? LastSync);

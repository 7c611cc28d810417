using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Security;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Ldap;

/// <summary>
/// The LDAP settings in effect: appsettings (<see cref="LdapOptions"/>) until an administrator saves them in the console,
/// then the JSON in the <c>settings</c> row <see cref="Key"/>. Read from the database on every use (a sign-in, a sync),
/// so a change applies on every node at once. The bind password goes back to no client.
/// </summary>
public sealed partial class LdapSettings(SettingsStore settings, WriteQueue writer, IOptions<LdapOptions> configured)
{
    public const string Key = "ldap.config";
    public const int MaxSyncIntervalMinutes = 7 * 24 * 60;

    public async Task<(LdapOptions Options, bool FromSettings)> LoadAsync()
    {
        var json = await settings.GetAsync(Key);
        return json is null ? (configured.Value.Copy(), false) : (JsonSerializer.Deserialize<LdapOptions>(json, JsonDefaults.Options)!, true);
    }

    public async Task<LdapOptions> CurrentAsync() => (await LoadAsync()).Options;

    public async Task<LdapSettingsDto> DescribeAsync()
    {
        var (o, fromSettings) = await LoadAsync();
        return ToDto(o, fromSettings);
    }

    public static LdapSettingsDto ToDto(LdapOptions o, bool fromSettings) => new(
        o.Enabled, o.Url, o.BindDn, !string.IsNullOrEmpty(o.BindPassword), o.BaseDn, o.UserFilter, o.SyncFilter, o.DisabledFilter, o.IdAttribute,
        o.DepartmentSource, new LdapAttributeMapDto(o.Attributes.Username, o.Attributes.DisplayName, o.Attributes.Email, o.Attributes.Title,
            o.Attributes.Phone, o.Attributes.EmployeeNumber, o.Attributes.Department),
        (int)o.SyncInterval.TotalMinutes, o.DeactivateMissing, (int)o.Timeout.TotalSeconds, fromSettings ? "settings" : "configuration");

    /// <summary>The request applied over the settings in effect, validated (400 with the field on bad input).</summary>
    public static LdapOptions Merge(LdapOptions current, UpdateLdapSettingsRequest r)
    {
        var o = current.Copy();
        o.Enabled = r.Enabled;
        o.Url = Optional(r.Url, "url", 500);
        if (o.Url is not null) LdapDirectory.ParseUrl(o.Url);
        o.BindDn = Optional(r.BindDn, "bindDn", 500);
        if (r.BindPassword is not null) o.BindPassword = r.BindPassword.Length == 0 ? null : r.BindPassword.Length <= 500 ? r.BindPassword : throw ParleyException.Invalid("bindPassword", "The bind password is at most 500 characters.");
        o.BaseDn = Optional(r.BaseDn, "baseDn", 500);
        if (r.UserFilter is not null) o.UserFilter = Filter(r.UserFilter, "userFilter")!;
        if (!o.UserFilter.Contains("{0}", StringComparison.Ordinal)) throw ParleyException.Invalid("userFilter", "The user filter must contain {0} where the typed username goes, e.g. (&(objectClass=user)(sAMAccountName={0})).");
        o.SyncFilter = Filter(r.SyncFilter, "syncFilter");
        o.DisabledFilter = Filter(r.DisabledFilter, "disabledFilter");
        if (r.IdAttribute is not null)
            o.IdAttribute = LdapIdAttributes.All.FirstOrDefault(a => a.Equals(r.IdAttribute, StringComparison.OrdinalIgnoreCase))
                ?? throw ParleyException.Invalid("idAttribute", $"idAttribute is one of: {string.Join(", ", LdapIdAttributes.All)}.");
        if (r.DepartmentSource is not null)
            o.DepartmentSource = LdapDepartmentSources.All.Contains(r.DepartmentSource) ? r.DepartmentSource
                : throw ParleyException.Invalid("departmentSource", $"departmentSource is one of: {string.Join(", ", LdapDepartmentSources.All)}.");
        if (r.Attributes is { } a)
            o.Attributes = new LdapAttributes
            {
                Username = AttributeName(a.Username, "attributes.username") ?? throw ParleyException.Invalid("attributes.username", "Name the username attribute (uid, sAMAccountName)."),
                DisplayName = AttributeName(a.DisplayName, "attributes.displayName") ?? throw ParleyException.Invalid("attributes.displayName", "Name the display name attribute (cn, displayName)."),
                Email = AttributeName(a.Email, "attributes.email"),
                Title = AttributeName(a.Title, "attributes.title"),
                Phone = AttributeName(a.Phone, "attributes.phone"),
                EmployeeNumber = AttributeName(a.EmployeeNumber, "attributes.employeeNumber"),
                Department = AttributeName(a.Department, "attributes.department"),
            };
        if (o.DepartmentSource == LdapDepartmentSources.Attribute && string.IsNullOrEmpty(o.Attributes.Department))
            throw ParleyException.Invalid("attributes.department", "With departmentSource 'attribute', name the department attribute.");
        if (r.SyncIntervalMinutes is { } minutes)
            o.SyncInterval = minutes is >= 0 and <= MaxSyncIntervalMinutes ? TimeSpan.FromMinutes(minutes)
                : throw ParleyException.Invalid("syncIntervalMinutes", $"syncIntervalMinutes is 0 (only on demand) to {MaxSyncIntervalMinutes}.");
        if (r.DeactivateMissing is { } deactivate) o.DeactivateMissing = deactivate;
        if (r.TimeoutSeconds is { } seconds)
            o.Timeout = seconds is >= 1 and <= 120 ? TimeSpan.FromSeconds(seconds) : throw ParleyException.Invalid("timeoutSeconds", "timeoutSeconds is 1–120.");
        if (o.Enabled && (o.Url is null || o.BaseDn is null))
            throw ParleyException.Invalid(o.Url is null ? "url" : "baseDn", "To switch LDAP on, give the URL and the base DN.");
        return o;
    }

    public async Task<LdapSettingsDto> SaveAsync(UpdateLdapSettingsRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.SystemManage);
        var before = await CurrentAsync();
        var next = Merge(before, request);
        var json = JsonSerializer.Serialize(next, JsonDefaults.Options);
        await writer.ExecuteAsync(w =>
        {
            SettingsStore.Set(w, Key, json);
            // What changed, never the password itself.
            var from = ToDto(before, true) with { Source = "" };
            var to = ToDto(next, true) with { Source = "" };
            return SystemLog.Append(w, actor, SystemEventTypes.SettingChanged, null, new
            {
                key = Key, from, to, bindPasswordChanged = request.BindPassword is not null && request.BindPassword != (before.BindPassword ?? ""),
            });
        });
        return ToDto(next, true);
    }

    private static string? Optional(string? value, string field, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        if (v.Length > max || v.Any(char.IsControl)) throw ParleyException.Invalid(field, $"{field} is at most {max} characters with no control characters.");
        return v;
    }

    private static string? Filter(string? value, string field)
    {
        var v = Optional(value, field, 1000);
        if (v is not null && !LdapFilter.LooksValid(v)) throw ParleyException.Invalid(field, $"{field} is not an LDAP filter: one parenthesised expression such as (objectClass=person).");
        return v;
    }

    private static string? AttributeName(string? value, string field)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        return AttributeNamePattern().IsMatch(v) ? v : throw ParleyException.Invalid(field, $"{field} is an attribute name (letters, digits and '-').");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,63}$")]
    private static partial Regex AttributeNamePattern();
}

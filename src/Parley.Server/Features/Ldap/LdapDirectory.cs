using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Ldap;

/// <summary>
/// The conversation with the directory server (System.DirectoryServices.Protocols over Debian's libldap): the service
/// bind, searches (paged, so Active Directory's 1000-entry limit does not cut a sync short) and the user's own bind.
/// Its calls block, so each runs on the thread pool; failures become a <see cref="ParleyException"/> with an ldap_* code.
/// </summary>
public sealed class LdapDirectory
{
    private const int PageSize = 500;
    private const int AdAccountDisabled = 0x2; // userAccountControl ACCOUNTDISABLE

    /// <summary>Opens a connection bound as the service account (or anonymously without one).</summary>
    public static LdapConnection Connect(LdapOptions o, string? bindDn = null, string? password = null)
    {
        var uri = ParseUrl(o.Url);
        var connection = new LdapConnection(new LdapDirectoryIdentifier(uri.Host, uri.Port), null, AuthType.Basic) { Timeout = o.Timeout };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None; // AD answers searches at the domain root with referrals
        if (uri.Scheme == "ldaps") connection.SessionOptions.SecureSocketLayer = true;
        try
        {
            var dn = bindDn ?? o.BindDn;
            var secret = bindDn is null ? o.BindPassword : password;
            if (string.IsNullOrEmpty(dn)) connection.AuthType = AuthType.Anonymous;
            connection.Bind(string.IsNullOrEmpty(dn) ? new NetworkCredential() : new NetworkCredential(dn, secret ?? ""));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static Uri ParseUrl(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("ldap" or "ldaps") || string.IsNullOrEmpty(uri.Host))
            throw ParleyException.Invalid("url", "The URL is ldap://host[:port] or ldaps://host[:port].");
        return uri.IsDefaultPort || uri.Port <= 0 ? new UriBuilder(uri) { Port = uri.Scheme == "ldaps" ? 636 : 389 }.Uri : uri;
    }

    /// <summary>Runs a blocking directory operation on the thread pool and turns its failures into problem details.</summary>
    public static Task<T> RunAsync<T>(LdapOptions o, Func<T> operation, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            try
            {
                return operation();
            }
            catch (Exception ex) when (ex is LdapException or DirectoryOperationException or DirectoryException)
            {
                throw Translate(ex, o);
            }
        }, cancellationToken);

    /// <summary>The attributes a sync or sign-in asks for.</summary>
    public static string[] AttributesOf(LdapOptions o) =>
        new[] { o.IdAttribute == LdapIdAttributes.Dn ? null : o.IdAttribute, o.Attributes.Username, o.Attributes.DisplayName, o.Attributes.Email,
            o.Attributes.Title, o.Attributes.Phone, o.Attributes.EmployeeNumber,
            o.DepartmentSource == LdapDepartmentSources.Attribute ? o.Attributes.Department : null, "userAccountControl" }
        .Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Every entry under the base DN matching the filter, page by page.</summary>
    public static List<SearchResultEntry> Search(LdapConnection connection, LdapOptions o, string filter, string[] attributes, int limit = int.MaxValue)
    {
        var found = new List<SearchResultEntry>();
        var paging = new PageResultRequestControl(Math.Min(PageSize, limit));
        while (true)
        {
            var request = new SearchRequest(o.BaseDn, filter, SearchScope.Subtree, attributes);
            request.Controls.Add(paging);
            var response = (System.DirectoryServices.Protocols.SearchResponse)connection.SendRequest(request, o.Timeout);
            foreach (SearchResultEntry e in response.Entries)
            {
                found.Add(e);
                if (found.Count >= limit) return found;
            }
            var cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
            if (cookie is not { Length: > 0 }) return found;
            paging.Cookie = cookie;
        }
    }

    /// <summary>Whether the base DN exists (a base-scope read of it).</summary>
    public static void RequireBase(LdapConnection connection, LdapOptions o) =>
        connection.SendRequest(new SearchRequest(o.BaseDn, "(objectClass=*)", SearchScope.Base, "1.1"), o.Timeout);

    /// <summary>Maps a directory entry to an account.</summary>
    public static LdapEntry ToEntry(SearchResultEntry e, LdapOptions o, IReadOnlyList<string> disabledDns)
    {
        var id = o.IdAttribute switch
        {
            LdapIdAttributes.Dn => e.DistinguishedName.ToLowerInvariant(),
            LdapIdAttributes.ObjectGuid => Bytes(e, o.IdAttribute) is { Length: 16 } guid ? new Guid(guid).ToString() : "",
            _ => Text(e, o.IdAttribute) ?? "",
        };
        var uac = int.TryParse(Text(e, "userAccountControl"), out var flags) ? flags : 0;
        var disabled = (uac & AdAccountDisabled) != 0 || disabledDns.Contains(e.DistinguishedName, StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<string> department = o.DepartmentSource switch
        {
            LdapDepartmentSources.OrganizationalUnits => LdapEntry.OuPath(e.DistinguishedName, o.BaseDn ?? ""),
            LdapDepartmentSources.Attribute when Text(e, o.Attributes.Department) is { Length: > 0 } d =>
                d.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => [],
        };
        return new LdapEntry(e.DistinguishedName, id, Text(e, o.Attributes.Username), Text(e, o.Attributes.DisplayName), Text(e, o.Attributes.Email),
            Text(e, o.Attributes.Title), Text(e, o.Attributes.Phone), Text(e, o.Attributes.EmployeeNumber), department, disabled);
    }

    private static DirectoryAttribute? Attribute(SearchResultEntry e, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        foreach (string n in e.Attributes.AttributeNames)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return e.Attributes[n];
        return null;
    }

    private static string? Text(SearchResultEntry e, string? name) =>
        Attribute(e, name) is { Count: > 0 } a && a.GetValues(typeof(string)) is [string first, ..] ? first.Trim() : null;

    private static byte[]? Bytes(SearchResultEntry e, string name) =>
        Attribute(e, name) is { Count: > 0 } a && a.GetValues(typeof(byte[])) is [byte[] first, ..] ? first : null;

    /// <summary>Connects, binds as the service account, reads the base DN and counts the sync filter's accounts.</summary>
    public async Task<LdapTestResultDto> TestAsync(LdapOptions o, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            ParseUrl(o.Url);
            if (string.IsNullOrWhiteSpace(o.BaseDn)) throw ParleyException.Invalid("baseDn", "Give the base DN to search under.");
            var count = await RunAsync(o, () =>
            {
                using var c = Connect(o);
                RequireBase(c, o);
                return Search(c, o, o.EffectiveSyncFilter, ["1.1"], 1000).Count;
            }, cancellationToken);
            return new LdapTestResultDto(true, null, $"Connected and bound; the sync filter finds {count}{(count == 1000 ? "+" : "")} account(s).", count, watch.Elapsed.TotalMilliseconds);
        }
        catch (ParleyException ex) when (ex.Status != 403)
        {
            return new LdapTestResultDto(false, ex.Code, ex.Message, null, watch.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>
    /// The directory's errors as the administrator needs them: which of host, credentials, base or filter is wrong.
    /// Result codes: RFC 4511 §4.1.9 (49 invalidCredentials, 32 noSuchObject); libldap's client codes 81 (server down),
    /// 85 (timeout), 87 (filter error), 91 (connect error).
    /// </summary>
    private static ParleyException Translate(Exception ex, LdapOptions o)
    {
        var (code, message) = ex switch
        {
            LdapException { ErrorCode: 81 or 91 or 85 } => (ErrorCodes.LdapUnreachable, $"Cannot reach the directory server at {o.Url}: {ex.Message}"),
            LdapException { ErrorCode: 49 } => (ErrorCodes.LdapBindFailed, $"The directory refused the bind DN or password ({o.BindDn}): {ex.Message}"),
            LdapException { ErrorCode: 87 } => (ErrorCodes.LdapFilterInvalid, "A search filter is not valid LDAP filter syntax (RFC 4515)."),
            DirectoryOperationException { Response.ResultCode: ResultCode.NoSuchObject } => (ErrorCodes.LdapBaseNotFound, $"The base DN '{o.BaseDn}' does not exist in the directory."),
            DirectoryOperationException { Response.ResultCode: ResultCode.InvalidDNSyntax } => (ErrorCodes.LdapBaseNotFound, $"The base DN '{o.BaseDn}' is not a valid DN."),
            DirectoryOperationException d => (ErrorCodes.LdapError, $"The directory answered {d.Response?.ResultCode}: {d.Response?.ErrorMessage ?? d.Message}"),
            _ => (ErrorCodes.LdapError, $"Directory error: {ex.Message}"),
        };
        return new ParleyException(502, code, message);
    }
}

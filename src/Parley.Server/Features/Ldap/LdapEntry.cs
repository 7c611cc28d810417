using System.Text;

namespace Parley.Server.Features.Ldap;

/// <summary>A directory account as the sync and the sign-in read it: its DN, stable id and mapped profile fields.</summary>
public sealed record LdapEntry(
    string Dn, string ExternalId, string? Username, string? DisplayName, string? Email, string? Title, string? Phone,
    string? EmployeeNumber, IReadOnlyList<string> Department, bool Disabled)
{
    /// <summary>
    /// The OU values between the entry and the base DN, from the top down: <c>uid=a,ou=研发部,ou=技术中心,dc=x</c> under
    /// <c>dc=x</c> is [技术中心, 研发部]. Other RDN types there (cn=Users in AD, l=…) are skipped.
    /// </summary>
    public static IReadOnlyList<string> OuPath(string dn, string baseDn)
    {
        var rdns = SplitDn(dn);
        var baseCount = SplitDn(baseDn).Count;
        var path = new List<string>();
        for (var i = rdns.Count - baseCount - 1; i >= 1; i--)
        {
            var eq = rdns[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && rdns[i][..eq].Trim().Equals("ou", StringComparison.OrdinalIgnoreCase))
                path.Add(Unescape(rdns[i][(eq + 1)..].Trim()));
        }
        return path;
    }

    /// <summary>Splits a DN into its RDNs at unescaped commas (RFC 4514).</summary>
    public static List<string> SplitDn(string dn)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == '\\') { i++; continue; }
            if (dn[i] != ',') continue;
            parts.Add(dn[start..i].Trim());
            start = i + 1;
        }
        if (dn.Length > 0) parts.Add(dn[start..].Trim());
        return parts;
    }

    /// <summary>RFC 4514 value escapes: <c>\,</c> and friends, and <c>\XX</c> hex bytes of UTF-8.</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal)) return value;
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                if (i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
                {
                    bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                    i += 2;
                    continue;
                }
                i++;
            }
            bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}

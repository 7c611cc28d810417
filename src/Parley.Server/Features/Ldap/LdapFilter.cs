using System.Text;

namespace Parley.Server.Features.Ldap;

/// <summary>
/// Building search filters from typed input. RFC 4515 §3: in an assertion value '*', '(', ')', '\' and NUL must be
/// written as '\' and two hex digits; without that a username like <c>*)(uid=*</c> would widen the filter to every account.
/// </summary>
public static class LdapFilter
{
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '*': sb.Append("\\2a"); break;
                case '(': sb.Append("\\28"); break;
                case ')': sb.Append("\\29"); break;
                case '\\': sb.Append("\\5c"); break;
                case '\0': sb.Append("\\00"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The template with every <c>{0}</c> replaced by the escaped value.</summary>
    public static string For(string template, string value) => template.Replace("{0}", Escape(value), StringComparison.Ordinal);

    /// <summary>A cheap syntax check before the directory sees it: parenthesised, balanced, no empty component.</summary>
    public static bool LooksValid(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return false;
        var f = filter.Trim();
        if (f[0] != '(' || f[^1] != ')' || f.Contains("()", StringComparison.Ordinal)) return false;
        var depth = 0;
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == '\\') { i++; continue; }
            if (f[i] == '(') depth++;
            else if (f[i] == ')') { if (--depth < 0) return false; }
            else if (depth == 0) return false; // text between top-level components
        }
        return depth == 0;
    }
}

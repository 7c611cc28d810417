using System.Globalization;
using System.Text;
using Parley.Contracts;

namespace Parley.Server.Features.Audit;

/// <summary>
/// CSV lines of the audit export (RFC 4180: quoted when needed, doubled quotes). Cells that a spreadsheet would run as
/// a formula (=, +, -, @, tab, CR at the start) get a leading apostrophe: details hold text users typed (OWASP CSV injection).
/// </summary>
public static class AuditCsv
{
    public const string Header = "id,at,actorId,actorUsername,action,targetType,targetId,ip,via,details\r\n";

    public static string Line(AuditEntryDto e)
    {
        var sb = new StringBuilder();
        Cell(sb, e.Id.ToString(CultureInfo.InvariantCulture));
        Cell(sb, e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Cell(sb, e.ActorId?.ToString(CultureInfo.InvariantCulture));
        Cell(sb, e.ActorUsername);
        Cell(sb, e.Action);
        Cell(sb, e.TargetType);
        Cell(sb, e.TargetId?.ToString(CultureInfo.InvariantCulture));
        Cell(sb, e.Ip);
        Cell(sb, e.Via);
        Cell(sb, e.Details?.GetRawText(), last: true);
        return sb.Append("\r\n").ToString();
    }

    private static void Cell(StringBuilder sb, string? value, bool last = false)
    {
        var v = value ?? "";
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r') v = "'" + v;
        if (v.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(v.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        else sb.Append(v);
        if (!last) sb.Append(',');
    }
}

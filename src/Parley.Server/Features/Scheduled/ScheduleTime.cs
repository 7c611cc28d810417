using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Scheduled;

/// <summary>Reads and checks the time of a schedule or reminder: ISO 8601 with an explicit offset, in the future, not too far ahead.</summary>
public static partial class ScheduleTime
{
    // An offset is required: "09:00" without one would mean the server's zone, which the user never sees.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();

    public static long Parse(string? value, string field, long nowMs, TimeSpan maxAhead)
    {
        if (value is null || value.Length > 40 || !Iso8601().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            throw Error(ErrorCodes.TimeInvalid, field, $"{field} must be an ISO 8601 time with an offset, such as 2026-05-01T09:00:00+08:00.");
        var ms = UnixMs.From(at);
        if (ms <= nowMs) throw Error(ErrorCodes.TimeInPast, field, $"{field} must be in the future.");
        if (ms > nowMs + (long)maxAhead.TotalMilliseconds)
            throw Error(ErrorCodes.TimeTooFar, field, $"{field} may be at most {maxAhead.TotalDays:0} days ahead.");
        return ms;
    }

    private static ParleyException Error(string code, string field, string message) =>
        new(400, code, message) { Errors = new Dictionary<string, string[]> { [field] = [message] } };
}

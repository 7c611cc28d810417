using System.Globalization;

namespace Parley.Server.Common;

/// <summary>A comma-separated list of ids in a query string (<c>?userIds=1,2,3</c>), distinct, bounded.</summary>
public static class QueryIds
{
    public static long[] Parse(string? csv, string field, int max)
    {
        var parts = (csv ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > max) throw ParleyException.Invalid(field, $"Ask for at most {max} at once.");
        var ids = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]))
                throw ParleyException.Invalid(field, $"{field} must be a comma-separated list of ids.");
        }
        return [.. ids.Distinct()];
    }
}

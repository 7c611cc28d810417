namespace Parley.Server.Common;

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Validates a client-supplied page size; out-of-range values are an error, not silently clamped.</summary>
    public static int Limit(int? limit, int max = MaxLimit)
    {
        if (limit is null) return Math.Min(DefaultLimit, max);
        if (limit < 1 || limit > max) throw ParleyException.Invalid("limit", $"limit must be between 1 and {max}.");
        return limit.Value;
    }

    public static long Cursor(long? value, string name)
    {
        if (value is < 0) throw ParleyException.Invalid(name, $"{name} must not be negative.");
        return value ?? 0;
    }
}

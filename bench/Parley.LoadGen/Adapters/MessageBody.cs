using System.Buffers.Text;
using System.Diagnostics;

namespace Parley.LoadGen.Adapters;

/// <summary>
/// The text every load message carries: "lg " + the sender's Stopwatch timestamp + padding.
/// Sender and receivers live in this process, so one monotonic clock times the delivery
/// end to end without any clock synchronisation.
/// </summary>
public static class MessageBody
{
    private const string Prefix = "lg ";

    public static string Create(int padding) =>
        string.Create(null, stackalloc char[64], $"{Prefix}{Stopwatch.GetTimestamp()} ") + new string('x', padding);

    /// <summary>Stopwatch timestamp in the body, or -1 when it is not one of ours.</summary>
    public static long ParseTimestamp(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < 4 || utf8[0] != 'l' || utf8[1] != 'g' || utf8[2] != ' ') return -1;
        return Utf8Parser.TryParse(utf8[3..], out long ticks, out _) ? ticks : -1;
    }

    public static long ParseTimestamp(string body)
    {
        if (!body.StartsWith(Prefix, StringComparison.Ordinal)) return -1;
        var rest = body.AsSpan(Prefix.Length);
        int end = rest.IndexOf(' ');
        return long.TryParse(end < 0 ? rest : rest[..end], out long ticks) ? ticks : -1;
    }
}

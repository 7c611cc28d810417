using System.Collections;
using System.Text.Json;

namespace Parley.LoadGen.Adapters.Parley;

/// <summary>
/// The envelope's data is typed <c>object</c> on the wire, so a client sees a map
/// (MessagePack: a dictionary keyed by member name) or a JsonElement (JSON). Both are read
/// by name, in either casing, so the load generator survives the server's naming policy.
/// </summary>
internal static class EventText
{
    public static string? TryGetText(object? data) => data switch
    {
        IDictionary map => (map["text"] ?? map["Text"]) as string,
        JsonElement { ValueKind: JsonValueKind.Object } json =>
            json.TryGetProperty("text", out var t) || json.TryGetProperty("Text", out t) ? t.GetString() : null,
        _ => null,
    };

    /// <summary>A whole-number field by its camelCase name (or PascalCase), or null.</summary>
    public static long? TryGetNumber(object? data, string camelName)
    {
        string pascal = char.ToUpperInvariant(camelName[0]) + camelName[1..];
        return data switch
        {
            IDictionary map => (map[camelName] ?? map[pascal]) is { } v && v is not string ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null,
            JsonElement { ValueKind: JsonValueKind.Object } json =>
                (json.TryGetProperty(camelName, out var n) || json.TryGetProperty(pascal, out n)) && n.TryGetInt64(out var x) ? x : null,
            _ => null,
        };
    }
}

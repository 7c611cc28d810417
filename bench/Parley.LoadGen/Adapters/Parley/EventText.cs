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
    public static string? TryGetText(object? data) => Field(data, "text") switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
        _ => null,
    };

    /// <summary>A whole-number field by its camelCase name (or PascalCase), or null.</summary>
    public static long? TryGetNumber(object? data, string camelName) => Field(data, camelName) switch
    {
        JsonElement json => json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var n) ? n : null,
        null or string => null,
        var number => Convert.ToInt64(number, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The field's value: a map entry (MessagePack) or a JsonElement (JSON); null when absent.</summary>
    private static object? Field(object? data, string camelName)
    {
        string pascal = char.ToUpperInvariant(camelName[0]) + camelName[1..];
        return data switch
        {
            IDictionary map => map[camelName] ?? map[pascal],
            JsonElement { ValueKind: JsonValueKind.Object } json =>
                json.TryGetProperty(camelName, out var v) || json.TryGetProperty(pascal, out v) ? v : null,
            _ => null,
        };
    }
}

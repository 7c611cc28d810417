using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Planner.Input;

/// <summary>Reads JSON numbers as decimal whether the node came from parsing text or from code (double, int).</summary>
internal static class NumberReader
{
    public static bool TryRead(JsonNode? node, out decimal value)
    {
        value = 0;
        if (node is not JsonValue json || json.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (json.TryGetValue(out decimal d))
        {
            value = d;
            return true;
        }

        // Nodes built in code wrap int, long, double… and only match their exact type; their JSON text is exact.
        return decimal.TryParse(json.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}

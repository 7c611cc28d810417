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

        if (json.TryGetValue(out long l))
        {
            value = l;
            return true;
        }

        if (json.TryGetValue(out double f) && double.IsFinite(f) && Math.Abs(f) < 7.9e27)
        {
            value = (decimal)f;
            return true;
        }

        return false;
    }
}

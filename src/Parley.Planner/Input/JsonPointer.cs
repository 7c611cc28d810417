using System.Globalization;
using System.Text.Json.Nodes;

namespace Parley.Planner.Input;

/// <summary>RFC 6901 helpers: build pointers for error messages and resolve them for sensitivity drivers.</summary>
public static class JsonPointer
{
    public static string Append(string pointer, string token) =>
        pointer + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Finds the parent container and last token of <paramref name="pointer"/>; false if the path does not exist.</summary>
    public static bool TryResolveParent(JsonNode root, string pointer, out JsonNode parent, out string token)
    {
        parent = root;
        token = "";
        if (pointer.Length == 0 || pointer[0] != '/')
        {
            return false;
        }

        var tokens = pointer[1..].Split('/')
            .Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToArray();
        JsonNode? current = root;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            current = Child(current, tokens[i]);
            if (current is null)
            {
                return false;
            }
        }

        parent = current!;
        token = tokens[^1];
        return Child(parent, token) is not null;
    }

    private static JsonNode? Child(JsonNode? node, string token) => node switch
    {
        JsonObject o => o.TryGetPropertyValue(token, out var v) ? v : null,
        JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
        _ => null,
    };

    public static void Replace(JsonNode parent, string token, JsonNode value)
    {
        if (parent is JsonObject o)
        {
            o[token] = value;
        }
        else if (parent is JsonArray a)
        {
            a[int.Parse(token, CultureInfo.InvariantCulture)] = value;
        }
    }
}

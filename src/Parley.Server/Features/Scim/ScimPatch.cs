using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parley.Server.Features.Scim;

/// <summary>
/// Applies a PatchOp (RFC 7644 §3.5.2) to a resource's current representation; the caller then treats the result like a
/// PUT and stores the difference. Handles the shapes Okta and Entra ID send: <c>replace</c> without a path and an object
/// value (<c>{"active": false}</c>, keys may be paths such as <c>name.givenName</c>), paths with a sub-attribute
/// (<c>name.givenName</c>), value filters (<c>emails[type eq "work"].value</c>, <c>members[value eq "7"]</c>), the
/// enterprise extension's URN prefix, op names in any case, and <c>remove</c> of members listed in the value.
/// </summary>
public static partial class ScimPatch
{
    public const int MaxOperations = 1000;

    [GeneratedRegex("""^(?<attr>[A-Za-z$][\w$-]*)(?:\[(?<filter>[^\]]+)\])?(?:\.(?<sub>[A-Za-z$][\w$-]*))?$""", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PathPattern();

    [GeneratedRegex("""^\s*(?<attr>[A-Za-z$][\w$.-]*)\s+eq\s+"(?<value>(?:[^"\\]|\\.)*)"\s*$""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex ValueFilter();

    public static void Apply(JsonObject resource, JsonObject patch)
    {
        if (patch["Operations"] is not JsonArray ops || ops.Count == 0) throw ScimException.Invalid("A PatchOp needs a non-empty Operations array.");
        if (ops.Count > MaxOperations) throw ScimException.Invalid($"At most {MaxOperations} operations per request.");
        foreach (var node in ops)
        {
            if (node is not JsonObject op || op["op"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
                throw ScimException.Invalid("Each operation needs an op (add, replace or remove).");
            var name = op["op"]!.GetValue<string>().ToLowerInvariant();
            if (name is not ("add" or "replace" or "remove")) throw ScimException.Invalid($"Unknown op '{op["op"]}'.");
            var path = op["path"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? op["path"]!.GetValue<string>() : null;
            var value = op["value"]?.DeepClone();
            if (string.IsNullOrWhiteSpace(path))
            {
                if (name == "remove") throw new ScimException(400, "noTarget", "remove needs a path.");
                if (value is not JsonObject values) throw ScimException.Invalid($"{name} without a path needs an object value.");
                foreach (var (key, v) in values.ToList()) ApplyPath(resource, name, key, v?.DeepClone());
            }
            else ApplyPath(resource, name, path, value);
        }
    }

    private static void ApplyPath(JsonObject resource, string op, string path, JsonNode? value)
    {
        var target = resource;
        // An extension's attributes live in an object named after its URN: "urn:…:enterprise:2.0:User:employeeNumber".
        if (path.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            var core = new[] { ScimJson.UserSchema, ScimJson.GroupSchema }.FirstOrDefault(u => path.StartsWith(u + ":", StringComparison.OrdinalIgnoreCase));
            if (core is not null) path = path[(core.Length + 1)..];
            else if (path.StartsWith(ScimJson.EnterpriseSchema, StringComparison.OrdinalIgnoreCase))
            {
                target = resource[ScimJson.EnterpriseSchema] as JsonObject ?? (JsonObject)(resource[ScimJson.EnterpriseSchema] = new JsonObject(ScimJson.NodeOptions));
                path = path[ScimJson.EnterpriseSchema.Length..].TrimStart(':');
                if (path.Length == 0)
                {
                    if (value is not JsonObject ext) throw ScimException.Invalid("The extension's value must be an object.");
                    foreach (var (key, v) in ext.ToList()) ApplyPath(target, op, key, v?.DeepClone());
                    return;
                }
            }
            else throw new ScimException(400, "invalidPath", $"Unknown schema in path '{path}'.");
        }
        var m = PathPattern().Match(path);
        if (!m.Success) throw new ScimException(400, "invalidPath", $"The path '{path}' is not understood.");
        var attr = m.Groups["attr"].Value;
        var sub = m.Groups["sub"].Success ? m.Groups["sub"].Value : null;
        if (m.Groups["filter"].Success)
        {
            ApplyFiltered(target, op, attr, m.Groups["filter"].Value, sub, value);
            return;
        }
        if (sub is not null)
        {
            var parent = target[attr] switch
            {
                JsonObject o => o,
                // A sub-attribute of a multi-valued attribute without a filter: the primary (or first) value.
                JsonArray { Count: > 0 } a => a.OfType<JsonObject>().FirstOrDefault(e => e["primary"]?.GetValueKind() == System.Text.Json.JsonValueKind.True) ?? a[0] as JsonObject,
                _ => null,
            };
            if (op == "remove") { parent?.Remove(sub); return; }
            if (parent is null)
            {
                if (target[attr] is JsonArray arr) { parent = new JsonObject(ScimJson.NodeOptions); arr.Add(parent); }
                else { parent = new JsonObject(ScimJson.NodeOptions); target[attr] = parent; }
            }
            parent[sub] = value;
            return;
        }
        if (op == "remove")
        {
            // Okta removes group members by listing them in the value: {"op":"remove","path":"members","value":[{"value":"7"}]}.
            if (value is JsonArray gone && target[attr] is JsonArray current)
            {
                var ids = gone.OfType<JsonObject>().Select(g => g["value"]?.ToString()).ToHashSet(StringComparer.Ordinal);
                foreach (var e in current.OfType<JsonObject>().Where(e => ids.Contains(e["value"]?.ToString())).ToList()) current.Remove(e);
            }
            else target.Remove(attr);
            return;
        }
        if (op == "add" && target[attr] is JsonArray existing)
        {
            // add to a multi-valued attribute appends (values already present are not repeated).
            foreach (var v in value is JsonArray many ? many.Select(x => x?.DeepClone()).ToList() : [value])
                if (!existing.Any(e => JsonNode.DeepEquals(e, v) || (e is JsonObject eo && v is JsonObject vo && vo["value"] is not null && eo["value"]?.ToString() == vo["value"]?.ToString())))
                    existing.Add(v);
            return;
        }
        if (op == "add" && target[attr] is JsonObject into && value is JsonObject more)
        {
            foreach (var (key, v) in more.ToList()) into[key] = v?.DeepClone();
            return;
        }
        target[attr] = value;
    }

    private static void ApplyFiltered(JsonObject target, string op, string attr, string filter, string? sub, JsonNode? value)
    {
        var f = ValueFilter().Match(filter);
        if (!f.Success) throw new ScimException(400, "invalidFilter", $"The value filter '{filter}' is not supported; use attribute eq \"value\".");
        var key = f.Groups["attr"].Value;
        var wanted = ScimFilter.Unquote(f.Groups["value"].Value);
        var array = target[attr] as JsonArray;
        var matches = array?.OfType<JsonObject>().Where(e => string.Equals(e[key]?.ToString(), wanted, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
        if (op == "remove")
        {
            foreach (var e in matches)
                if (sub is null) array!.Remove(e);
                else e.Remove(sub);
            return;
        }
        if (matches.Count == 0)
        {
            // Entra ID and Okta set emails[type eq "work"].value on a user that has no work e-mail yet: create the entry.
            if (array is null) { array = new JsonArray(); target[attr] = array; }
            var created = new JsonObject(ScimJson.NodeOptions) { [key] = wanted };
            if (sub is not null) created[sub] = value;
            else if (value is JsonObject whole) foreach (var (k, v) in whole.ToList()) created[k] = v?.DeepClone();
            array.Add(created);
            return;
        }
        foreach (var e in matches)
            if (sub is not null) e[sub] = value?.DeepClone();
            else if (value is JsonObject whole) foreach (var (k, v) in whole.ToList()) e[k] = v?.DeepClone();
    }
}

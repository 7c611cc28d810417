using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Contracts;

namespace Parley.Server.Features.Scim;

/// <summary>
/// The attributes Parley keeps from a SCIM User (RFC 7643 §4.1 and the enterprise extension §4.3), read from a full
/// representation (POST, PUT, or the result of a PATCH). Mapping: userName → SCIM userName (and the Parley username when
/// valid as one), displayName (else name.formatted, else given + family name) → display name, active, externalId,
/// name.givenName/familyName, the primary (else work, else first) e-mail and phone number, title, enterprise employeeNumber.
/// </summary>
public sealed record ScimUser(string UserName, string? DisplayName, bool Active, string? ExternalId, string? GivenName, string? FamilyName, string? Email,
    string? Phone, string? Title, string? EmployeeNumber, string? Password)
{
    public static ScimUser From(JsonObject o)
    {
        var userName = Text(o["userName"], "userName", 256) ?? throw ScimException.Invalid("userName is required.");
        var name = o["name"] as JsonObject;
        var given = Text(name?["givenName"], "name.givenName", 100);
        var family = Text(name?["familyName"], "name.familyName", 100);
        var display = Text(o["displayName"], "displayName", 100)
            ?? Text(name?["formatted"], "name.formatted", 100)
            ?? (given is null && family is null ? null : string.Join(' ', new[] { given, family }.Where(s => s is not null)));
        var enterprise = o[ScimJson.EnterpriseSchema] as JsonObject;
        return new ScimUser(userName, display, Bool(o["active"]) ?? true, Text(o["externalId"], "externalId", 256), given, family,
            Pick(o["emails"], "emails", 254), Pick(o["phoneNumbers"], "phoneNumbers", 64), Text(o["title"], "title", 100),
            Text(enterprise?["employeeNumber"], "employeeNumber", 64), Text(o["password"], "password", 256));
    }

    /// <summary>A string attribute, trimmed; empty is absent. Numbers are accepted as their text (some clients send ids so).</summary>
    private static string? Text(JsonNode? node, string attribute, int max)
    {
        if (node is null) return null;
        var kind = node.GetValueKind();
        if (kind is not (JsonValueKind.String or JsonValueKind.Number)) throw ScimException.Invalid($"{attribute} must be a string.");
        var s = (kind == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString()).Trim();
        if (s.Length > max || s.Any(char.IsControl)) throw ScimException.Invalid($"{attribute} is at most {max} characters with no control characters.");
        return s.Length == 0 ? null : s;
    }

    /// <summary>Booleans, or the strings "True"/"False" that Entra ID has been known to send for active.</summary>
    private static bool? Bool(JsonNode? node) => node?.GetValueKind() switch
    {
        null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(node.GetValue<string>(), out var b) => b,
        _ => throw ScimException.Invalid("active must be a boolean."),
    };

    /// <summary>The value of the primary entry of a multi-valued attribute, else the work one, else the first.</summary>
    private static string? Pick(JsonNode? node, string attribute, int max)
    {
        if (node is null) return null;
        if (node is not JsonArray array) throw ScimException.Invalid($"{attribute} must be an array.");
        var entries = array.OfType<JsonObject>().ToList();
        var chosen = entries.FirstOrDefault(e => Bool(e["primary"]) == true)
            ?? entries.FirstOrDefault(e => string.Equals(e["type"]?.ToString(), "work", StringComparison.OrdinalIgnoreCase))
            ?? entries.FirstOrDefault();
        return chosen is null ? null : Text(chosen["value"], attribute + ".value", max);
    }

    /// <summary>The representation of a user (without meta), as GET returns it and PATCH starts from.</summary>
    public static JsonObject ToResource(ScimStore.UserRow u, IEnumerable<DepartmentRef> groups, string baseUrl)
    {
        var o = new JsonObject
        {
            ["schemas"] = u.EmployeeNumber is null ? new JsonArray(ScimJson.UserSchema) : new JsonArray(ScimJson.UserSchema, ScimJson.EnterpriseSchema),
            ["id"] = u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (u.ScimOwned && u.ExternalId is not null) o["externalId"] = u.ExternalId;
        o["userName"] = u.ScimUserName ?? u.Username;
        o["displayName"] = u.DisplayName;
        if (u.GivenName is not null || u.FamilyName is not null)
        {
            var name = new JsonObject();
            if (u.GivenName is not null) name["givenName"] = u.GivenName;
            if (u.FamilyName is not null) name["familyName"] = u.FamilyName;
            name["formatted"] = string.Join(' ', new[] { u.GivenName, u.FamilyName }.Where(s => s is not null));
            o["name"] = name;
        }
        if (u.Email is not null) o["emails"] = new JsonArray(new JsonObject { ["value"] = u.Email, ["type"] = "work", ["primary"] = true });
        if (u.Phone is not null) o["phoneNumbers"] = new JsonArray(new JsonObject { ["value"] = u.Phone, ["type"] = "work", ["primary"] = true });
        if (u.Title is not null) o["title"] = u.Title;
        o["active"] = u.IsActive;
        var memberOf = new JsonArray();
        foreach (var g in groups)
            memberOf.Add(new JsonObject { ["value"] = g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["display"] = g.Name, ["$ref"] = $"{baseUrl}/Groups/{g.Id}" });
        if (memberOf.Count > 0) o["groups"] = memberOf;
        if (u.EmployeeNumber is not null) o[ScimJson.EnterpriseSchema] = new JsonObject { ["employeeNumber"] = u.EmployeeNumber };
        return o;
    }
}

using System.Text.Json.Nodes;

namespace Parley.Server.Features.Scim;

/// <summary>The discovery resources (RFC 7644 §4): what this server supports, its resource types and their schemas.</summary>
public static class ScimDiscovery
{
    public static JsonObject ServiceProviderConfig(string baseUrl, ScimOptions options) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
        ["documentationUri"] = "https://parley.chat/docs/administration#scim",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = options.MaxPageSize },
        ["changePassword"] = new JsonObject { ["supported"] = true },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken", ["name"] = "Bearer token", ["description"] = "A SCIM token made in Parley's admin console (Provisioning).", ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = $"{baseUrl}/ServiceProviderConfig" },
    };

    public static JsonObject[] ResourceTypes(string baseUrl) =>
    [
        new()
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ResourceType"), ["id"] = "User", ["name"] = "User", ["endpoint"] = "/Users",
            ["description"] = "Parley accounts", ["schema"] = ScimJson.UserSchema,
            ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimJson.EnterpriseSchema, ["required"] = false }),
            ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/User" },
        },
        new()
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ResourceType"), ["id"] = "Group", ["name"] = "Group", ["endpoint"] = "/Groups",
            ["description"] = "Parley departments", ["schema"] = ScimJson.GroupSchema,
            ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/Group" },
        },
    ];

    private static JsonObject Attr(string name, string type = "string", bool multi = false, bool required = false, string mutability = "readWrite",
        string uniqueness = "none", JsonObject[]? sub = null, string returned = "default")
    {
        var a = new JsonObject
        {
            ["name"] = name, ["type"] = type, ["multiValued"] = multi, ["required"] = required, ["caseExact"] = false,
            ["mutability"] = mutability, ["returned"] = returned, ["uniqueness"] = uniqueness,
        };
        if (sub is not null) a["subAttributes"] = new JsonArray([.. sub]);
        return a;
    }

    private static JsonObject Schema(string id, string name, string location, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Schema"), ["id"] = id, ["name"] = name, ["attributes"] = new JsonArray([.. attributes]),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = location },
    };

    public static JsonObject[] Schemas(string baseUrl) =>
    [
        Schema(ScimJson.UserSchema, "User", $"{baseUrl}/Schemas/{ScimJson.UserSchema}",
            Attr("userName", required: true, uniqueness: "server"),
            Attr("name", "complex", sub: [Attr("givenName"), Attr("familyName"), Attr("formatted", mutability: "readOnly")]),
            Attr("displayName"),
            Attr("title"),
            Attr("active", "boolean"),
            Attr("password", mutability: "writeOnly", returned: "never"),
            Attr("emails", "complex", multi: true, sub: [Attr("value"), Attr("type"), Attr("primary", "boolean")]),
            Attr("phoneNumbers", "complex", multi: true, sub: [Attr("value"), Attr("type"), Attr("primary", "boolean")]),
            Attr("groups", "complex", multi: true, mutability: "readOnly", sub: [Attr("value", mutability: "readOnly"), Attr("display", mutability: "readOnly")])),
        Schema(ScimJson.EnterpriseSchema, "EnterpriseUser", $"{baseUrl}/Schemas/{ScimJson.EnterpriseSchema}", Attr("employeeNumber")),
        Schema(ScimJson.GroupSchema, "Group", $"{baseUrl}/Schemas/{ScimJson.GroupSchema}",
            Attr("displayName", required: true),
            Attr("members", "complex", multi: true, sub: [Attr("value", mutability: "immutable"), Attr("display", mutability: "readOnly")])),
    ];
}

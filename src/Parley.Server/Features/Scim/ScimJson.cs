using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Server.Features.Scim;

/// <summary>SCIM's media type, schema URNs and the pieces every response shares (RFC 7644 §3.4.2, §3.12).</summary>
public static class ScimJson
{
    public const string MediaType = "application/scim+json";
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string ListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string PatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /// <summary>Attribute names are case-insensitive in SCIM (RFC 7643 §2.1): every parsed or built node compares them so.</summary>
    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    public static JsonObject Parse(string json)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json, NodeOptions, new JsonDocumentOptions { MaxDepth = 16 }); }
        catch (JsonException) { throw new ScimException(400, "invalidSyntax", "The body is not valid JSON."); }
        return node as JsonObject ?? throw new ScimException(400, "invalidSyntax", "The body must be a JSON object.");
    }

    /// <summary>A copy whose property lookups ignore case (nodes built in code are case-sensitive otherwise).</summary>
    public static JsonObject CaseInsensitive(JsonObject o) => Parse(o.ToJsonString());

    public static IResult Result(JsonNode body, int status = 200, string? location = null, string? etag = null) => new ScimResult(body, status, location, etag);

    public static JsonObject Error(int status, string? scimType, string detail)
    {
        var o = new JsonObject { ["schemas"] = new JsonArray(ErrorSchema), ["status"] = status.ToString(CultureInfo.InvariantCulture), ["detail"] = detail };
        if (scimType is not null) o["scimType"] = scimType;
        return o;
    }

    public static JsonObject List(IEnumerable<JsonNode> resources, long total, int startIndex)
    {
        var items = new JsonArray([.. resources]);
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ListSchema), ["totalResults"] = total, ["startIndex"] = startIndex, ["itemsPerPage"] = items.Count, ["Resources"] = items,
        };
    }

    /// <summary>A weak ETag over the resource without its meta: any change of what a client can read changes it.</summary>
    public static string Version(JsonObject withoutMeta) =>
        "W/\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(withoutMeta.ToJsonString())))[..16].ToLowerInvariant() + "\"";

    public static string Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Adds meta (RFC 7643 §3.1) and returns the version it carries.</summary>
    public static string AddMeta(JsonObject resource, string resourceType, long created, long lastModified, string location)
    {
        var version = Version(resource);
        resource["meta"] = new JsonObject
        {
            ["resourceType"] = resourceType, ["created"] = Time(created), ["lastModified"] = Time(Math.Max(created, lastModified)), ["location"] = location, ["version"] = version,
        };
        return version;
    }

    private sealed class ScimResult(JsonNode body, int status, string? location, string? etag) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = MediaType + "; charset=utf-8";
            if (location is not null) http.Response.Headers.Location = location;
            if (etag is not null) http.Response.Headers.ETag = etag;
            await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
        }
    }
}

/// <summary>A SCIM error (RFC 7644 §3.12): HTTP status and, for 400 and 409, a scimType such as invalidFilter, invalidValue or uniqueness.</summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;

    public static ScimException NotFound(string what) => new(404, null, $"{what} was not found.");
    public static ScimException Invalid(string detail) => new(400, "invalidValue", detail);
    public static ScimException Uniqueness(string detail) => new(409, "uniqueness", detail);
}

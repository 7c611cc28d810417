using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Server.Common;
using Parley.Server.Platform;

namespace Parley.Server.Features.Scim;

/// <summary>
/// SCIM 2.0 at /scim/v2 (RFC 7643/7644): Users, Groups and the discovery resources. Only a SCIM token opens it
/// (<see cref="ScimAuthenticationHandler"/>). Answers are application/scim+json; errors are SCIM Error messages
/// (RFC 7644 §3.12) rather than problem details, because that is what provisioning clients read. Not in the OpenAPI
/// document: SCIM's contract is the RFC.
/// </summary>
public static class ScimApi
{
    public const string BasePath = "/scim/v2";

    public static void MapScimApi(this IEndpointRouteBuilder app)
    {
        var scim = app.MapGroup(BasePath).RequireAuthorization(ScimAuthenticationHandler.PolicyName).ExcludeFromDescription();

        scim.MapGet("/Users", (HttpContext http, ScimUsers users, IOptions<ScimOptions> o) => Run(http, async _ =>
        {
            var (start, count) = Page(http, o.Value);
            return ScimJson.Result(await users.ListAsync(ScimFilter.Parse(http.Request.Query["filter"], ScimStore.UserFilters), start, count, BaseUrl(http)));
        }));
        scim.MapGet("/Users/{id}", (string id, HttpContext http, ScimUsers users) => Run(http, async _ =>
        {
            var (resource, version) = await users.GetAsync(Id(id, "user"), BaseUrl(http));
            return ScimJson.Result(resource, etag: version);
        }));
        scim.MapPost("/Users", (HttpContext http, ScimUsers users) => Run(http, async actor =>
        {
            var (resource, version) = await users.CreateAsync(await BodyAsync(http), actor, BaseUrl(http));
            return ScimJson.Result(resource, 201, resource["meta"]!["location"]!.GetValue<string>(), version);
        }));
        scim.MapPut("/Users/{id}", (string id, HttpContext http, ScimUsers users) => Run(http, async actor =>
        {
            var body = await BodyAsync(http);
            var (resource, version) = await users.UpdateAsync(Id(id, "user"), _ => body, IfMatch(http), actor, BaseUrl(http));
            return ScimJson.Result(resource, etag: version);
        }));
        scim.MapPatch("/Users/{id}", (string id, HttpContext http, ScimUsers users) => Run(http, async actor =>
        {
            var patch = await BodyAsync(http);
            var (resource, version) = await users.UpdateAsync(Id(id, "user"), current => { ScimPatch.Apply(current, patch); return current; }, IfMatch(http), actor, BaseUrl(http));
            return ScimJson.Result(resource, etag: version);
        }));
        scim.MapDelete("/Users/{id}", (string id, HttpContext http, ScimUsers users) => Run(http, async actor =>
        {
            await users.DeactivateAsync(Id(id, "user"), IfMatch(http), actor, BaseUrl(http));
            return Results.NoContent();
        }));

        scim.MapGet("/Groups", (HttpContext http, ScimGroups groups, IOptions<ScimOptions> o) => Run(http, async _ =>
        {
            var (start, count) = Page(http, o.Value);
            return ScimJson.Result(await groups.ListAsync(ScimFilter.Parse(http.Request.Query["filter"], ScimStore.GroupFilters), start, count, WithMembers(http), BaseUrl(http)));
        }));
        scim.MapGet("/Groups/{id}", (string id, HttpContext http, ScimGroups groups) => Run(http, async _ =>
        {
            var (resource, version) = await groups.GetAsync(Id(id, "group"), WithMembers(http), BaseUrl(http));
            return ScimJson.Result(resource, etag: version);
        }));
        scim.MapPost("/Groups", (HttpContext http, ScimGroups groups) => Run(http, async actor =>
        {
            var (resource, version) = await groups.CreateAsync(await BodyAsync(http), actor, BaseUrl(http));
            return ScimJson.Result(resource, 201, resource["meta"]!["location"]!.GetValue<string>(), version);
        }));
        scim.MapPut("/Groups/{id}", (string id, HttpContext http, ScimGroups groups) => Run(http, async actor =>
        {
            var body = await BodyAsync(http);
            var (resource, version) = await groups.UpdateAsync(Id(id, "group"), _ => body, IfMatch(http), actor, BaseUrl(http));
            return ScimJson.Result(resource, etag: version);
        }));
        scim.MapPatch("/Groups/{id}", (string id, HttpContext http, ScimGroups groups) => Run(http, async actor =>
        {
            var patch = await BodyAsync(http);
            var (resource, version) = await groups.UpdateAsync(Id(id, "group"), current => { ScimPatch.Apply(current, patch); return current; }, IfMatch(http), actor, BaseUrl(http));
            return ScimJson.Result(resource, etag: version);
        }));
        scim.MapDelete("/Groups/{id}", (string id, HttpContext http, ScimGroups groups) => Run(http, async actor =>
        {
            await groups.DeleteAsync(Id(id, "group"), IfMatch(http), actor, BaseUrl(http));
            return Results.NoContent();
        }));

        scim.MapGet("/ServiceProviderConfig", (HttpContext http, IOptions<ScimOptions> o) =>
            Run(http, _ => Task.FromResult(ScimJson.Result(ScimDiscovery.ServiceProviderConfig(BaseUrl(http), o.Value)))));
        scim.MapGet("/ResourceTypes", (Delegate)((HttpContext http) => Run(http, _ =>
        {
            var all = ScimDiscovery.ResourceTypes(BaseUrl(http));
            return Task.FromResult(ScimJson.Result(ScimJson.List(all, all.Length, 1)));
        })));
        scim.MapGet("/ResourceTypes/{name}", (string name, HttpContext http) => Run(http, _ =>
            Task.FromResult(ScimJson.Result(ScimDiscovery.ResourceTypes(BaseUrl(http)).FirstOrDefault(r => r["id"]!.GetValue<string>() == name)
                ?? throw ScimException.NotFound("The resource type")))));
        scim.MapGet("/Schemas", (Delegate)((HttpContext http) => Run(http, _ =>
        {
            var all = ScimDiscovery.Schemas(BaseUrl(http));
            return Task.FromResult(ScimJson.Result(ScimJson.List(all, all.Length, 1)));
        })));
        scim.MapGet("/Schemas/{id}", (string id, HttpContext http) => Run(http, _ =>
            Task.FromResult(ScimJson.Result(ScimDiscovery.Schemas(BaseUrl(http)).FirstOrDefault(s => s["id"]!.GetValue<string>() == id)
                ?? throw ScimException.NotFound("The schema")))));
    }

    /// <summary>
    /// Every SCIM call: the token's rate limit, then the handler; service errors become SCIM errors here, in one place
    /// (uniqueness for conflicts, invalidValue for rejected values). The actor is the token: via "scim:&lt;id&gt;" in the audit log.
    /// </summary>
    private static async Task<IResult> Run(HttpContext http, Func<Actor, Task<IResult>> handler)
    {
        var tokenId = http.User.FindFirst(ScimAuthenticationHandler.TokenIdClaim)!.Value;
        var options = http.RequestServices.GetRequiredService<IOptions<ScimOptions>>().Value;
        var decision = await http.RequestServices.GetRequiredService<IRateCounter>().TryTakeAsync("scim:" + tokenId, options.RequestsPerMinute, TimeSpan.FromMinutes(1));
        if (!decision.Allowed)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Error(429, null, "Too many requests for this token; slow down.");
        }
        var actor = new Actor(null, http.Connection.RemoteIpAddress?.ToString(), "scim:" + tokenId, new HashSet<string> { Contracts.Permissions.UsersManage });
        try
        {
            return await handler(actor);
        }
        catch (ScimException e) { return Error(e.Status, e.ScimType, e.Message); }
        catch (ParleyException e)
        {
            var type = e.Status switch
            {
                409 when e.Code == Contracts.ErrorCodes.Conflict => "uniqueness",
                400 => "invalidValue",
                _ => null,
            };
            return Error(e.Status, type, e.Message);
        }
    }

    private static IResult Error(int status, string? scimType, string detail) => ScimJson.Result(ScimJson.Error(status, scimType, detail), status);

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{BasePath}";

    private static long Id(string id, string what) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw ScimException.NotFound($"The {what}");

    private static string? IfMatch(HttpContext http) => http.Request.Headers.IfMatch.ToString() is { Length: > 0 } v ? v : null;

    /// <summary>Okta and Entra ID ask for groups without members (excludedAttributes=members) when they only need the name.</summary>
    private static bool WithMembers(HttpContext http) =>
        !http.Request.Query["excludedAttributes"].ToString().Split(',').Any(a => a.Trim().Equals("members", StringComparison.OrdinalIgnoreCase));

    /// <summary>startIndex is 1-based (below 1 counts as 1); count defaults to and is capped at MaxPageSize (RFC 7644 §3.4.2.4).</summary>
    private static (int Start, int Count) Page(HttpContext http, ScimOptions options)
    {
        static int? Int(string? s) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;
        var start = Math.Max(1, Int(http.Request.Query["startIndex"]) ?? 1);
        var count = Math.Clamp(Int(http.Request.Query["count"]) ?? options.MaxPageSize, 0, options.MaxPageSize);
        return (start, count);
    }

    /// <summary>The JSON body, at most MaxBodyBytes (413 beyond), as a case-insensitive object.</summary>
    private static async Task<JsonObject> BodyAsync(HttpContext http)
    {
        var max = http.RequestServices.GetRequiredService<IOptions<ScimOptions>>().Value.MaxBodyBytes;
        if (http.Request.ContentLength > max) throw new ScimException(413, null, $"The body is larger than {max} bytes.");
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            await buffer.WriteAsync(chunk.AsMemory(0, read), http.RequestAborted);
            if (buffer.Length > max) throw new ScimException(413, null, $"The body is larger than {max} bytes.");
        }
        return ScimJson.Parse(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}

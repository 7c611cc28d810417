using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Provisioning;

/// <summary>
/// SCIM 2.0 as Okta and Entra ID drive it, over a real HTTP client against the real server: look up by userName, create,
/// patch (Okta's path-less replace of active, Entra's "Replace" with string booleans and emails[type eq "work"].value),
/// groups as departments, errors in SCIM's own shape, and a token that opens /scim and nothing else.
/// </summary>
public class ScimTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string Password = "Vq4-wander-Lx9-orbit";

    private async Task<(HttpClient Scim, CreatedScimTokenDto Token)> ScimClientAsync(Session admin)
    {
        var token = await admin.Ok<CreatedScimTokenDto>(admin.Http.PostAsJsonAsync("/api/v1/admin/scim-tokens", new CreateScimTokenRequest("Okta")));
        var scim = _server.Client(token.Secret);
        return (scim, token);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> Send(HttpClient c, HttpMethod method, string path, string? json = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (json is not null) req.Content = new StringContent(json, Encoding.UTF8, "application/scim+json");
        var res = await c.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        return (res.StatusCode, body, res);
    }

    private static string Filter(string f) => "/scim/v2/Users?filter=" + Uri.EscapeDataString(f);

    private const string OktaCreate = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jane.doe@example.com",
         "name":{"givenName":"Jane","familyName":"Doe"},"emails":[{"primary":true,"value":"jane.doe@example.com","type":"work"}],
         "displayName":"Jane Doe","locale":"en-US","externalId":"00u1abcd","groups":[],"password":"Vq4-wander-Lx9-orbit","active":true}
        """;

    [Fact]
    public async Task OktaSequence_CreateFilterDeactivateReactivateGroups_WorksAndEndsSessions()
    {
        var admin = await _server.AdminAsync();
        var (scim, token) = await ScimClientAsync(admin);

        var (status, body, _) = await Send(scim, HttpMethod.Get, Filter("userName eq \"jane.doe@example.com\"") + "&startIndex=1&count=100");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body["totalResults"]!.GetValue<long>());
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", body["schemas"]![0]!.GetValue<string>());

        var (created, user, res) = await Send(scim, HttpMethod.Post, "/scim/v2/Users", OktaCreate);
        Assert.True(created == HttpStatusCode.Created, user.ToJsonString());
        Assert.Equal("application/scim+json", res.Content.Headers.ContentType!.MediaType);
        var id = user["id"]!.GetValue<string>();
        Assert.Equal(user["meta"]!["location"]!.GetValue<string>(), res.Headers.Location!.ToString());
        Assert.Equal(user["meta"]!["version"]!.GetValue<string>(), res.Headers.ETag!.ToString());
        Assert.Equal(("User", "jane.doe@example.com", "00u1abcd", true), (user["meta"]!["resourceType"]!.GetValue<string>(), user["userName"]!.GetValue<string>(),
            user["externalId"]!.GetValue<string>(), user["active"]!.GetValue<bool>()));
        Assert.Null(user["password"]);

        // Parley's username is the e-mail's local part ('@' starts a mention); the account is SCIM's.
        var parley = await admin.Ok<UserDto>(admin.Http.GetAsync($"/api/v1/users/{id}"));
        Assert.Equal(("jane.doe", "Jane Doe"), (parley.Username, parley.DisplayName));

        (status, body, _) = await Send(scim, HttpMethod.Get, Filter("userName eq \"JANE.DOE@example.com\""));
        Assert.Equal((1L, id), (body["totalResults"]!.GetValue<long>(), body["Resources"]![0]!["id"]!.GetValue<string>()));
        (status, body, _) = await Send(scim, HttpMethod.Get, Filter("externalId eq \"00u1abcd\""));
        Assert.Equal(1L, body["totalResults"]!.GetValue<long>());

        (status, body, _) = await Send(scim, HttpMethod.Post, "/scim/v2/Users", OktaCreate.Replace("00u1abcd", "00u2other"));
        Assert.Equal((HttpStatusCode.Conflict, "uniqueness", "409"), (status, body["scimType"]?.GetValue<string>(), body["status"]?.GetValue<string>()));
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", body["schemas"]![0]!.GetValue<string>());

        foreach (var bad in new[] { "userName co \"jane\"", "nickName eq \"x\"", "userName eq jane", "(userName eq \"a\") or 1" })
        {
            (status, body, _) = await Send(scim, HttpMethod.Get, Filter(bad));
            Assert.True((status, body["scimType"]?.GetValue<string>()) == (HttpStatusCode.BadRequest, "invalidFilter"), $"{bad}: {(int)status} {body.ToJsonString()}");
        }

        // Jane signs in with the password Okta provisioned.
        using var anon = _server.Client();
        var login = await admin.Ok<LoginResponse>(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("jane.doe", Password)));
        using var jane = _server.Client(login.Token);
        Assert.Equal(HttpStatusCode.OK, (await jane.GetAsync("/api/v1/users/me")).StatusCode);

        // Okta deactivates: replace without a path, value {"active": false}. Her session is refused at once.
        (status, body, _) = await Send(scim, HttpMethod.Patch, $"/scim/v2/Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}""");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.False(body["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await jane.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("jane.doe", Password))).StatusCode);

        // Entra ID reactivates with a string boolean and renames through paths.
        (status, body, _) = await Send(scim, HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"Replace","path":"active","value":"True"},
              {"op":"Replace","path":"name.givenName","value":"Janet"},
              {"op":"Add","path":"emails[type eq \"work\"].value","value":"janet@example.com"},
              {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"E-1001"},
              {"op":"replace","path":"displayName","value":"Janet Doe"}]}
            """);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal((true, "Janet", "janet@example.com", "E-1001", "Janet Doe"), (body["active"]!.GetValue<bool>(), body["name"]!["givenName"]!.GetValue<string>(),
            body["emails"]![0]!["value"]!.GetValue<string>(), body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["employeeNumber"]!.GetValue<string>(),
            body["displayName"]!.GetValue<string>()));
        login = await admin.Ok<LoginResponse>(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("jane.doe", Password)));
        Assert.Equal("Janet Doe", login.User.DisplayName);

        // Groups are departments: create with a member, Entra-style remove by filter, Okta-style add and remove by value.
        var (gs, group, _) = await Send(scim, HttpMethod.Post, "/scim/v2/Groups",
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineering","members":[{"value":"{{id}}","display":"Janet"}]}""");
        Assert.True(gs == HttpStatusCode.Created, group.ToJsonString());
        var gid = group["id"]!.GetValue<string>();
        async Task<long[]> Members() => (await admin.Ok<ListResponse<DirectoryEntryDto>>(admin.Http.GetAsync($"/api/v1/departments/{gid}/members"))).Items.Select(m => m.Id).ToArray();
        Assert.Equal([long.Parse(id)], await Members());
        (status, body, _) = await Send(scim, HttpMethod.Patch, $"/scim/v2/Groups/{gid}",
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members[value eq \"{{id}}\"]"}]}""");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Empty(await Members());
        (status, _, _) = await Send(scim, HttpMethod.Patch, $"/scim/v2/Groups/{gid}",
            $$$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{{id}}}"}]},{"op":"replace","value":{"id":"{{{gid}}}","displayName":"Platform Engineering"}}]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([long.Parse(id)], await Members());
        (status, body, _) = await Send(scim, HttpMethod.Get, $"/scim/v2/Groups?filter={Uri.EscapeDataString("displayName eq \"Platform Engineering\"")}&excludedAttributes=members");
        Assert.Equal((1L, null), (body["totalResults"]!.GetValue<long>(), body["Resources"]![0]!["members"]));
        (status, body, _) = await Send(scim, HttpMethod.Get, $"/scim/v2/Users/{id}");
        Assert.Equal("Platform Engineering", body["groups"]![0]!["display"]!.GetValue<string>());
        (status, _, _) = await Send(scim, HttpMethod.Patch, $"/scim/v2/Groups/{gid}",
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members","value":[{"value":"{{id}}"}]}]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(await Members());
        (status, body, _) = await Send(scim, HttpMethod.Patch, $"/scim/v2/Groups/{gid}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"999999"}]}]}""");
        Assert.Equal((HttpStatusCode.BadRequest, "invalidValue"), (status, body["scimType"]?.GetValue<string>()));

        // DELETE deactivates (the account stays).
        (status, _, _) = await Send(scim, HttpMethod.Delete, $"/scim/v2/Users/{id}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.False((await admin.Ok<UserDto>(admin.Http.GetAsync($"/api/v1/users/{id}"))).IsActive);

        // The audit log names the token as the actor's channel.
        var audit = await admin.Ok<AuditPage>(admin.Http.GetAsync($"/api/v1/audit?targetId={id}"));
        var deactivated = audit.Items.First(e => e.Action == "user.deactivated");
        Assert.Equal(($"scim:{token.Token.Id}", (long?)null), (deactivated.Via, deactivated.ActorId));
        Assert.Contains(audit.Items, e => e.Action == "user.created" && e.Via == $"scim:{token.Token.Id}");
        Assert.Contains(audit.Items, e => e.Action == "scim.user_updated");
        var tokens = await admin.Ok<ListResponse<ScimTokenDto>>(admin.Http.GetAsync("/api/v1/admin/scim-tokens"));
        Assert.NotNull(tokens.Items.Single().LastUsedAt);
    }

    [Fact]
    public async Task Tokens_AreScopedBothWays_AndRevocationIsImmediate()
    {
        var admin = await _server.AdminAsync();
        var (scim, token) = await ScimClientAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await scim.GetAsync("/scim/v2/Users")).StatusCode);

        // A SCIM token is no session; a session (even an administrator's) opens nothing under /scim.
        Assert.Equal(HttpStatusCode.Unauthorized, (await scim.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scim.GetAsync("/api/v1/users")).StatusCode);
        var (status, body, _) = await Send(admin.Http, HttpMethod.Get, "/scim/v2/Users");
        Assert.Equal((HttpStatusCode.Unauthorized, "401"), (status, body["status"]?.GetValue<string>()));
        using var anon = _server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/scim/v2/ServiceProviderConfig")).StatusCode);

        foreach (var path in new[] { "/scim/v2/ServiceProviderConfig", "/scim/v2/ResourceTypes", "/scim/v2/Schemas", "/scim/v2/ResourceTypes/User",
                     "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group" })
        {
            (status, body, _) = await Send(scim, HttpMethod.Get, path);
            Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status}");
        }

        // Members cannot make or list tokens.
        var member = await _server.UserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.PostAsJsonAsync("/api/v1/admin/scim-tokens", new CreateScimTokenRequest("mine"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/admin/scim-tokens/{token.Token.Id}")).StatusCode);
        (status, body, _) = await Send(scim, HttpMethod.Get, "/scim/v2/Users");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains((await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=scim.*"))).Items, e => e.Action == "scim.token_revoked");
    }

    [Fact]
    public async Task Paging_BadBodies_AndLimits_AnswerInScimShape()
    {
        var (scim, _) = await ScimClientAsync(await _server.AdminAsync());
        for (var i = 0; i < 3; i++)
        {
            var (s, b, _) = await Send(scim, HttpMethod.Post, "/scim/v2/Users", $$$"""{"userName":"pager{{{i}}}","name":{"givenName":"P","familyName":"{{{i}}}"}}""");
            Assert.True(s == HttpStatusCode.Created, b.ToJsonString());
            Assert.Equal($"P {i}", b["displayName"]!.GetValue<string>());
        }
        var (status, body, _) = await Send(scim, HttpMethod.Get, "/scim/v2/Users?startIndex=2&count=2");
        Assert.Equal((4L, 2, 2), (body["totalResults"]!.GetValue<long>(), body["startIndex"]!.GetValue<int>(), body["itemsPerPage"]!.GetValue<int>()));
        (status, body, _) = await Send(scim, HttpMethod.Get, "/scim/v2/Users?startIndex=4&count=10");
        Assert.Single(body["Resources"]!.AsArray());

        (status, body, _) = await Send(scim, HttpMethod.Post, "/scim/v2/Users", "{not json");
        Assert.Equal((HttpStatusCode.BadRequest, "invalidSyntax"), (status, body["scimType"]?.GetValue<string>()));
        (status, body, _) = await Send(scim, HttpMethod.Post, "/scim/v2/Users", """{"displayName":"no user name"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "invalidValue"), (status, body["scimType"]?.GetValue<string>()));
        (status, body, _) = await Send(scim, HttpMethod.Post, "/scim/v2/Users", """{"userName":"weakling","password":"password"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "invalidValue"), (status, body["scimType"]?.GetValue<string>()));
        (status, body, _) = await Send(scim, HttpMethod.Patch, "/scim/v2/Users/1", """{"Operations":[{"op":"move","path":"active"}]}""");
        Assert.Equal((HttpStatusCode.BadRequest, "invalidValue"), (status, body["scimType"]?.GetValue<string>()));
        (status, body, _) = await Send(scim, HttpMethod.Get, "/scim/v2/Users/424242");
        Assert.Equal((HttpStatusCode.NotFound, "404"), (status, body["status"]?.GetValue<string>()));
        (status, body, _) = await Send(scim, HttpMethod.Post, "/scim/v2/Users", "{\"userName\":\"" + new string('x', 200 * 1024) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);

        // If-Match with a stale version is refused.
        (status, body, _) = await Send(scim, HttpMethod.Get, Filter("userName eq \"pager0\""));
        var pid = body["Resources"]![0]!["id"]!.GetValue<string>();
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/scim/v2/Users/{pid}") { Content = new StringContent("""{"userName":"pager0","displayName":"X"}""", Encoding.UTF8, "application/scim+json") };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0000\"", true));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await scim.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task RateLimit_PerToken_Is429()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Scim:RequestsPerMinute"] = "3" });
        var admin = await server.AdminAsync();
        var token = await admin.Ok<CreatedScimTokenDto>(admin.Http.PostAsJsonAsync("/api/v1/admin/scim-tokens", new CreateScimTokenRequest("Entra")));
        using var scim = server.Client(token.Secret);
        var statuses = new List<HttpStatusCode>();
        await RateWindows.ClearOfMinuteBoundaryAsync();
        for (var i = 0; i < 4; i++) statuses.Add((await scim.GetAsync("/scim/v2/Users")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Embed;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Embed;

/// <summary>
/// Embedding (issue 17): application secrets kept as hashes, single-use expiring tokens, origin checks, a conversation
/// scope enforced on every REST route and hub call, and frame-ancestors on /embed only. The browser side (a host page on
/// another origin frames a conversation; a foreign origin cannot) is web/e2e/embed/embed.spec.mjs.
/// </summary>
public sealed class EmbedTests : IAsyncLifetime
{
    private const string Portal = "https://oa.example.com";
    private readonly string _webRoot = Path.Combine(Path.GetTempPath(), "parley-tests", "web-" + Guid.NewGuid().ToString("N"));
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_webRoot);
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "index.html"), "<!doctype html><title>Parley</title>");
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Embed:FrameAncestors"] = "https://intranet.example.com" }, _webRoot);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_webRoot, recursive: true);
    }

    private async Task<CreatedEmbedAppDto> AppAsync(params string[] origins)
    {
        var admin = await _server.AdminAsync();
        return await admin.Ok<CreatedEmbedAppDto>(admin.Http.PostAsJsonAsync("/api/v1/embed/apps", new CreateEmbedAppRequest("OA", origins.Length == 0 ? [Portal] : origins)));
    }

    private HttpClient Backend(string secret, string? origin = null)
    {
        var client = _server.Client(secret);
        if (origin is not null) client.DefaultRequestHeaders.Add("Origin", origin);
        return client;
    }

    private static async Task<string?> CodeOf(HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        return text.StartsWith('{') ? System.Text.Json.JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null : null;
    }

    private async Task<EmbedTokenDto> TokenAsync(string secret, object request)
    {
        using var backend = Backend(secret);
        var res = await backend.PostAsJsonAsync("/api/v1/embed/tokens", request);
        Assert.True(res.StatusCode == HttpStatusCode.Created, $"token issue failed: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return (await res.Content.ReadFromJsonAsync<EmbedTokenDto>(Json.Options))!;
    }

    private async Task<EmbedSessionDto> SessionAsync(string token, string? parentOrigin = Portal)
    {
        using var anon = _server.Client();
        var res = await anon.PostAsJsonAsync("/api/v1/embed/sessions", new CreateEmbedSessionRequest(token, parentOrigin));
        Assert.True(res.StatusCode == HttpStatusCode.Created, $"session exchange failed: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return (await res.Content.ReadFromJsonAsync<EmbedSessionDto>(Json.Options))!;
    }

    [Fact]
    public async Task CreateApp_KeepsOnlyTheSecretsHash_AndNeverListsIt()
    {
        var app = await AppAsync(Portal, "HTTPS://CRM.example.com:443/");
        Assert.StartsWith("pes_", app.Secret);
        Assert.Equal([Portal, "https://crm.example.com"], app.App.AllowedOrigins);
        await using var c = await _server.Services.GetRequiredService<Database>().OpenAsync();
        var stored = await c.QuerySingleAsync<byte[]>("SELECT secret_hash FROM embed_apps WHERE id = @id", new { id = app.Id });
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(app.Secret)), stored);
        var admin = await _server.AdminAsync();
        var list = await admin.Http.GetStringAsync("/api/v1/embed/apps");
        Assert.DoesNotContain(app.Secret, list, StringComparison.Ordinal);
        Assert.Contains("https://crm.example.com", list, StringComparison.Ordinal);

        foreach (var bad in new[] { "https://*.example.com", "https://oa.example.com/path", "javascript:alert(1)", "*" })
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
                await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/embed/apps", new CreateEmbedAppRequest("bad", [bad]))));
        var member = await _server.UserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.PostAsJsonAsync("/api/v1/embed/apps", new CreateEmbedAppRequest("x", [Portal]))).StatusCode);
    }

    [Fact]
    public async Task Token_ExchangedOnce_SecondUseAndExpiryAreRefused()
    {
        var app = await AppAsync();
        var user = await _server.UserAsync();
        var conv = await user.CreateAsync(ConversationKinds.Group, "embedded");
        var token = await TokenAsync(app.Secret, new CreateEmbedTokenRequest(user.User.Username, new EmbedScopeRequest(conv.Id, null), null));
        Assert.Equal($"{_server.BaseAddress.ToString().TrimEnd('/')}/embed#token={token.Token}", token.Url);
        Assert.InRange(token.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));

        var session = await SessionAsync(token.Token);
        Assert.Equal(($"conversation:{conv.Id}", (long?)conv.Id, user.Id), (session.Scope, session.ConversationId, session.User.Id));
        using var anon = _server.Client();
        var again = await anon.PostAsJsonAsync("/api/v1/embed/sessions", new CreateEmbedSessionRequest(token.Token, Portal));
        Assert.True(again.StatusCode == HttpStatusCode.Unauthorized && await CodeOf(again) == ErrorCodes.EmbedTokenInvalid, "a used token started a second session");

        // Basic credentials (secret as password) work too; an expired token is refused like a used one.
        using var basic = _server.Client();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("oa:" + app.Secret)));
        var res = await basic.PostAsJsonAsync("/api/v1/embed/tokens", new CreateEmbedTokenRequest(user.User.Username, new EmbedScopeRequest(null, true), 60));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var expiring = (await res.Content.ReadFromJsonAsync<EmbedTokenDto>(Json.Options))!;
        await using (var c = await _server.Services.GetRequiredService<Database>().OpenAsync())
            await c.ExecuteAsync("UPDATE embed_tokens SET expires_at = 1 WHERE token_hash = @h", new { h = SHA256.HashData(Encoding.UTF8.GetBytes(expiring.Token)) });
        var expired = await anon.PostAsJsonAsync("/api/v1/embed/sessions", new CreateEmbedSessionRequest(expiring.Token, null));
        Assert.True(expired.StatusCode == HttpStatusCode.Unauthorized && await CodeOf(expired) == ErrorCodes.EmbedTokenInvalid, "an expired token started a session");
    }

    [Fact]
    public async Task IssueAndExchange_WrongSecretOriginOrScope_AreRefused()
    {
        var app = await AppAsync();
        var user = await _server.UserAsync();
        var conv = await user.CreateAsync(ConversationKinds.Group, "mine");
        var other = await _server.UserAsync();
        var foreign = await other.CreateAsync(ConversationKinds.Group, "theirs");
        var request = new CreateEmbedTokenRequest(user.User.Username, new EmbedScopeRequest(conv.Id, null), null);

        using (var wrong = Backend("pes_not-the-secret"))
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync("/api/v1/embed/tokens", request)).StatusCode);
        using (var evil = Backend(app.Secret, "https://evil.example.net"))
        {
            var res = await evil.PostAsJsonAsync("/api/v1/embed/tokens", request);
            Assert.True(res.StatusCode == HttpStatusCode.Forbidden && await CodeOf(res) == ErrorCodes.OriginNotAllowed, "a token was issued to a page on an unlisted origin");
        }
        using (var listed = Backend(app.Secret, Portal))
            Assert.Equal(HttpStatusCode.Created, (await listed.PostAsJsonAsync("/api/v1/embed/tokens", request)).StatusCode);
        using (var backend = Backend(app.Secret))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await backend.PostAsJsonAsync("/api/v1/embed/tokens", request with { Scope = new EmbedScopeRequest(foreign.Id, null) })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await backend.PostAsJsonAsync("/api/v1/embed/tokens", request with { Scope = new EmbedScopeRequest(conv.Id, true) })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await backend.PostAsJsonAsync("/api/v1/embed/tokens", request with { TtlSeconds = 3600 })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await backend.PostAsJsonAsync("/api/v1/embed/tokens", request with { User = "nobody-here" })).StatusCode);
        }

        // The frame's parent must be listed (or configured); a refusal leaves the token usable from the right page.
        var token = await TokenAsync(app.Secret, request);
        using var anon = _server.Client();
        var framed = await anon.PostAsJsonAsync("/api/v1/embed/sessions", new CreateEmbedSessionRequest(token.Token, "https://evil.example.net"));
        Assert.True(framed.StatusCode == HttpStatusCode.Forbidden && await CodeOf(framed) == ErrorCodes.OriginNotAllowed, "a page on an unlisted origin got a session");
        await SessionAsync(token.Token, "https://intranet.example.com");

        // A revoked application's secret stops at once.
        var admin = await _server.AdminAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/embed/apps/{app.Id}")).StatusCode);
        using var revoked = Backend(app.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.PostAsJsonAsync("/api/v1/embed/tokens", request)).StatusCode);
    }

    [Fact]
    public async Task ConversationScope_EveryEndpointOutsideItIsRefused_ItsOwnRoutesWork()
    {
        var app = await AppAsync();
        var user = await _server.UserAsync();
        var conv = await user.CreateAsync(ConversationKinds.Group, "embedded");
        var other = await user.CreateAsync(ConversationKinds.Group, "secret-elsewhere");
        var message = await user.SendAsync(conv.Id, "inside");
        var outside = await user.SendAsync(other.Id, "outside");
        var stranger = await _server.UserAsync(); // in no conversation with the user
        async Task<long> SentFileAsync(long conversationId)
        {
            var file = await user.Ok<FileDto>(user.Http.PostAsync("/api/v1/files", Files.FileClient.Multipart(Files.FileClient.Image(16, 16), "f.png", "image/png")));
            await user.Ok<MessageDto>(user.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new SendMessageRequest("file", null, null, null, [file.Id])));
            return file.Id;
        }
        var insideFile = await SentFileAsync(conv.Id);
        var outsideFile = await SentFileAsync(other.Id);
        var session = await SessionAsync((await TokenAsync(app.Secret, new CreateEmbedTokenRequest(user.User.Username, new EmbedScopeRequest(conv.Id, null), null))).Token);
        using var scoped = _server.Client(session.Token);

        var endpoints = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!.TrimEnd('/'))))
            .Distinct()
            .OrderBy(e => e.Pattern == "/api/v1/auth/logout") // the session must outlive the other calls
            .ToList();
        Assert.True(endpoints.Count > 150, "the endpoint list looks incomplete");
        var failures = new List<string>();
        foreach (var (method, pattern) in endpoints)
        {
            var allowed = EmbedScopeGuard.ConversationRoutes.TryGetValue((method, pattern), out var target);
            var own = Url(pattern, target switch
            {
                EmbedScopeGuard.Target.Message => message.Id, EmbedScopeGuard.Target.Conversation => conv.Id, EmbedScopeGuard.Target.File => insideFile, _ => user.Id,
            });
            var (status, code) = await CallAsync(scoped, method, own);
            if (allowed && code == ErrorCodes.ScopeDenied) failures.Add($"{method} {pattern}: refused inside its own conversation");
            if (!allowed && (status != HttpStatusCode.Forbidden || (method != "HEAD" && code != ErrorCodes.ScopeDenied)))
                failures.Add($"{method} {pattern}: {(int)status} {code}, expected 403 scope_denied");
            if (allowed && target != EmbedScopeGuard.Target.None)
            {
                // The same route for the other conversation (or its message) is outside the scope.
                var elsewhere = target switch
                {
                    EmbedScopeGuard.Target.Message => outside.Id, EmbedScopeGuard.Target.Conversation => other.Id, EmbedScopeGuard.Target.File => outsideFile, _ => stranger.Id,
                };
                var (s2, c2) = await CallAsync(scoped, method, Url(pattern, elsewhere));
                if (s2 != HttpStatusCode.Forbidden || (method != "HEAD" && c2 != ErrorCodes.ScopeDenied)) failures.Add($"{method} {pattern} for another conversation: {(int)s2} {c2}");
            }
        }
        Assert.True(failures.Count == 0, "scope leaks:\n" + string.Join("\n", failures));
        Assert.True((await user.MessagesAsync(other.Id)).Select(m => m.Text).SequenceEqual(["outside", "file"]), "the other conversation changed through the scoped session");
    }

    private static string Url(string pattern, long id) =>
        Regex.Replace(Regex.Replace(pattern, @"\{id(:long)?\}", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), @"\{[^}]+\}", "1")
            .Replace("/reactions/1", "/reactions/%F0%9F%91%8D", StringComparison.Ordinal);

    private static async Task<(HttpStatusCode, string?)> CallAsync(HttpClient client, string method, string url)
    {
        using var req = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            // An upload is multipart: a JSON body would match no endpoint (415), which the scope guard cannot tell from a refusal.
            req.Content = url == "/api/v1/files" ? Files.FileClient.Multipart([1, 2, 3], "scoped.bin") : JsonContent.Create(new { text = "scoped" });
        }
        using var res = await client.SendAsync(req);
        return (res.StatusCode, await CodeOf(res));
    }

    [Fact]
    public async Task ConversationScope_Hub_JoinsOnlyItsConversation_AndRefusesOtherCalls()
    {
        var app = await AppAsync();
        var user = await _server.UserAsync();
        var conv = await user.CreateAsync(ConversationKinds.Group, "embedded");
        var other = await user.CreateAsync(ConversationKinds.Group, "elsewhere");
        var session = await SessionAsync((await TokenAsync(app.Secret, new CreateEmbedTokenRequest(user.User.Username, new EmbedScopeRequest(conv.Id, null), null))).Token);
        await using var hub = _server.Hub(session.Token);
        var events = new EventCollector(hub);
        await hub.StartAsync();

        var sent = await hub.InvokeAsync<MessageDto>(HubNames.SendMessage, conv.Id, "from the frame", null);
        Assert.Equal(conv.Id, sent.ConversationId);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>(HubNames.SendMessage, other.Id, "escape", null));
        Assert.Contains(ErrorCodes.ScopeDenied, refused.Message, StringComparison.Ordinal);
        var watch = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<object>("WatchPresence", new[] { user.Id }));
        Assert.Contains(ErrorCodes.ScopeDenied, watch.Message, StringComparison.Ordinal);

        await user.SendAsync(other.Id, "not for the frame");
        await user.SendAsync(conv.Id, "for the frame");
        await events.WaitAsync(e => e.Type == EventTypes.MessageCreated && e.Data.GetProperty("text").GetString() == "for the frame", "the scoped conversation's message");
        Assert.DoesNotContain(events.All, e => e.ConversationId == other.Id);
        Assert.DoesNotContain(await user.MessagesAsync(other.Id), m => m.Text == "escape");
    }

    [Fact]
    public async Task ClientScope_IsTheFullClientWithoutAdministration()
    {
        var app = await AppAsync();
        var admin = await _server.AdminAsync();
        var session = await SessionAsync((await TokenAsync(app.Secret, new CreateEmbedTokenRequest("admin", new EmbedScopeRequest(null, true), null))).Token, null);
        Assert.Equal(("client", (long?)null), (session.Scope, session.ConversationId));
        using var client = _server.Client(session.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/conversations")).StatusCode);
        var me = (await client.GetFromJsonAsync<UserDto>("/api/v1/users/me", Json.Options))!;
        Assert.True(me.Roles is [] && me.Permissions is [] && !me.IsAdmin, "an embedded session was told of administrator roles");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/embed/apps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/api/v1/embed/apps")).StatusCode);
    }

    [Fact]
    public async Task EmbedPage_FrameAncestorsListApplicationsAndConfiguration_OtherPagesStayUnframable()
    {
        using var anon = _server.Client();
        using (var before = await anon.GetAsync("/embed"))
            Assert.Equal("https://intranet.example.com", FrameAncestors(before)); // configured, no application yet
        await AppAsync(Portal);
        _server.Services.GetRequiredService<EmbedFrameAncestors>().Invalidate();
        using var embed = await anon.GetAsync("/embed");
        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        Assert.Equal($"https://intranet.example.com {Portal}", FrameAncestors(embed));
        Assert.False(embed.Headers.Contains("X-Frame-Options"), "X-Frame-Options DENY would refuse the listed portals");
        foreach (var path in new[] { "/", "/c/1", "/index.html" })
        {
            using var page = await anon.GetAsync(path);
            Assert.True(FrameAncestors(page) == "'none'", $"{path} became framable: {FrameAncestors(page)}");
            Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    private static string FrameAncestors(HttpResponseMessage res) =>
        res.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(d => d.Trim())
            .Single(d => d.StartsWith("frame-ancestors ", StringComparison.Ordinal))["frame-ancestors ".Length..];
}

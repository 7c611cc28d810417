using System.Net;
using Dapper;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Translation;

/// <summary>
/// Issue 18, real-time translation, end to end through Parley's API with a real offline engine: Debian's apertium-apy with
/// the English–Spanish pair. The expected Spanish is what that engine returns (it was run to find it), not a hope.
/// </summary>
public sealed class TranslationTests(ApertiumFixture apertium) : IClassFixture<ApertiumFixture>, IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Translation:RatePerMinute"] = "3",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<T> Scalar<T>(string sql)
    {
        await using var db = await _server.Database.OpenDirectAsync();
        return (await db.ExecuteScalarAsync<T>(sql))!;
    }

    private static Task<HttpResponseMessage> Translate(Session s, long messageId, string target) =>
        s.Http.PostAsJsonAsync($"/api/v1/messages/{messageId}/translations", new TranslateMessageRequest(target));

    /// <summary>What an administrator does in the console: point Apertium at the engine, enable it, offer en and es.</summary>
    private async Task EnableApertiumAsync(Session admin) =>
        await admin.Ok<TranslationSettingsDto>(admin.Http.PutAsJsonAsync("/api/v1/admin/translation", new UpdateTranslationSettingsRequest(
            ["apertium"], ["en", "es", "ja"], new Dictionary<string, IReadOnlyDictionary<string, string?>> { ["apertium"] = new Dictionary<string, string?> { ["Url"] = apertium.Engine.Url } })));

    private async Task<(Session Alice, Session Bob, long ConversationId)> PairAsync()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var c = await alice.CreateAsync(ConversationKinds.Group, "madrid office", bob.Id);
        return (alice, bob, c.Id);
    }

    [Fact]
    public async Task Translate_EnglishToSpanishWithApertium_ReturnsEnginesSpanish_ThenFromCacheWithoutEngine()
    {
        await EnableApertiumAsync(await _server.AdminAsync());
        var (alice, bob, c) = await PairAsync();
        var m = await alice.SendAsync(c, "Good morning");
        var before = apertium.Engine.TranslateRequests;

        var t = await bob.Ok<TranslationDto>(Translate(bob, m.Id, "es"));

        Assert.Equal(("Buenos días", "apertium", "en", "es", false), (t.Text, t.Provider, t.SourceLanguage, t.TargetLanguage, t.Cached));
        Assert.Equal(before + 1, apertium.Engine.TranslateRequests);

        // Again, by another member: the cached row answers and the engine is not asked.
        var again = await alice.Ok<TranslationDto>(Translate(alice, m.Id, "es"));
        Assert.Equal(("Buenos días", true), (again.Text, again.Cached));
        Assert.True(apertium.Engine.TranslateRequests == before + 1, "a cached translation must not reach the engine");
    }

    [Fact]
    public async Task Translate_AfterEdit_TranslatesTheNewText()
    {
        await EnableApertiumAsync(await _server.AdminAsync());
        var (alice, bob, c) = await PairAsync();
        var m = await alice.SendAsync(c, "Good morning");
        await bob.Ok<TranslationDto>(Translate(bob, m.Id, "es"));

        await alice.Ok<MessageDto>(alice.Http.PatchAsJsonAsync($"/api/v1/messages/{m.Id}", new EditMessageRequest("Good night")));
        var t = await bob.Ok<TranslationDto>(Translate(bob, m.Id, "es"));

        Assert.Equal(("Noche buena", false), (t.Text, t.Cached)); // what apertium-eng-spa 0.8.1 makes of "Good night"
    }

    [Fact]
    public async Task Translate_StrangerDeletedOrRecalled_404()
    {
        await EnableApertiumAsync(await _server.AdminAsync());
        var (alice, bob, c) = await PairAsync();
        var stranger = await _server.UserAsync();
        var m = await alice.SendAsync(c, "Good morning");
        await bob.Ok<TranslationDto>(Translate(bob, m.Id, "es"));

        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await stranger.StatusAsync(Translate(stranger, m.Id, "es")));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await stranger.StatusAsync(Translate(stranger, 987_654_321, "es")));

        using (var res = await alice.Http.DeleteAsync($"/api/v1/messages/{m.Id}")) Assert.True(res.IsSuccessStatusCode, "the sender deletes the message");
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await bob.StatusAsync(Translate(bob, m.Id, "es")));
        var rows = await Scalar<long>($"SELECT count(*) FROM message_translations WHERE message_id = {m.Id}");
        Assert.True(rows == 0, "deleting a message must remove its cached translations");
    }

    [Fact]
    public async Task Translate_NoProviderOrNoPair_422_EngineDown_503()
    {
        var (alice, bob, c) = await PairAsync();
        var m = await alice.SendAsync(c, "Good morning");
        // The default: nothing enabled, so nothing leaves the server.
        Assert.Equal((HttpStatusCode.UnprocessableEntity, TranslationErrorCodes.Disabled), await bob.StatusAsync(Translate(bob, m.Id, "es")));

        var admin = await _server.AdminAsync();
        await EnableApertiumAsync(admin);
        // Offered, but no installed Apertium pair leads to Japanese; and a language that is not offered at all.
        Assert.Equal((HttpStatusCode.UnprocessableEntity, TranslationErrorCodes.LanguageUnsupported), await bob.StatusAsync(Translate(bob, m.Id, "ja")));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, TranslationErrorCodes.LanguageUnsupported), await bob.StatusAsync(Translate(bob, m.Id, "ko")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await bob.StatusAsync(Translate(bob, m.Id, "")));

        await admin.Ok<TranslationSettingsDto>(admin.Http.PutAsJsonAsync("/api/v1/admin/translation", new UpdateTranslationSettingsRequest(null, null,
            new Dictionary<string, IReadOnlyDictionary<string, string?>> { ["apertium"] = new Dictionary<string, string?> { ["Url"] = $"http://127.0.0.1:{Ports.Free()}" } })));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, TranslationErrorCodes.Unavailable), await bob.StatusAsync(Translate(bob, m.Id, "es")));
    }

    [Fact]
    public async Task Translate_MoreEngineCallsThanTheRate_429()
    {
        await EnableApertiumAsync(await _server.AdminAsync());
        var (alice, bob, c) = await PairAsync();
        var ids = new List<long>();
        foreach (var text in (string[])["one", "two", "three", "four"]) ids.Add((await alice.SendAsync(c, text)).Id);

        await RateWindows.ClearOfMinuteBoundaryAsync();
        foreach (var id in ids.Take(3)) await bob.Ok<TranslationDto>(Translate(bob, id, "es"));
        Assert.Equal((HttpStatusCode.TooManyRequests, TranslationErrorCodes.RateLimited), await bob.StatusAsync(Translate(bob, ids[3], "es")));
        // Cached translations cost nothing: the first is still served.
        Assert.True((await bob.Ok<TranslationDto>(Translate(bob, ids[0], "es"))).Cached);
    }

    [Fact]
    public async Task AdminSettings_SecretsWriteOnly_UnknownProviderOrUnconfigured_400()
    {
        var admin = await _server.AdminAsync();
        var initial = await admin.Ok<TranslationSettingsDto>(admin.Http.GetAsync("/api/v1/admin/translation"));
        Assert.Empty(initial.EnabledProviders);
        Assert.Equal(8, initial.Providers.Count);

        var saved = await admin.Ok<TranslationSettingsDto>(admin.Http.PutAsJsonAsync("/api/v1/admin/translation", new UpdateTranslationSettingsRequest(null, null,
            new Dictionary<string, IReadOnlyDictionary<string, string?>> { ["deepl"] = new Dictionary<string, string?> { ["ApiKey"] = "very-secret-key" } })));
        var deepl = saved.Providers.Single(p => p.Id == "deepl");
        var key = deepl.Fields.Single(f => f.Name == "ApiKey");
        Assert.Equal((true, true, (string?)null), (key.Secret, key.Set, key.Value));
        Assert.True(deepl.Configured);
        var raw = await admin.Http.GetStringAsync("/api/v1/admin/translation");
        Assert.DoesNotContain("very-secret-key", raw, StringComparison.Ordinal);
        var audit = await Scalar<string>("SELECT data FROM system_events WHERE type = 'settings.changed' ORDER BY id DESC LIMIT 1");
        Assert.DoesNotContain("very-secret-key", audit, StringComparison.Ordinal);

        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await admin.StatusAsync(admin.Http.PutAsJsonAsync("/api/v1/admin/translation",
            new UpdateTranslationSettingsRequest(["google"], null, null))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await admin.StatusAsync(admin.Http.PutAsJsonAsync("/api/v1/admin/translation",
            new UpdateTranslationSettingsRequest(["baidu"], null, null))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await admin.StatusAsync(admin.Http.PutAsJsonAsync("/api/v1/admin/translation",
            new UpdateTranslationSettingsRequest(null, ["klingon"], null))));
        var user = await _server.UserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.GetAsync("/api/v1/admin/translation")).StatusCode);
    }

    [Fact]
    public async Task AutoTranslate_UserPreferenceAndConversationSetting_ManagersOnly()
    {
        var (alice, bob, c) = await PairAsync();
        var stranger = await _server.UserAsync();

        var prefs = await bob.Ok<TranslationPreferencesDto>(bob.Http.PutAsJsonAsync("/api/v1/users/me/translation", new TranslationPreferencesDto(true, "zh_cn")));
        Assert.Equal(new TranslationPreferencesDto(true, "zh-CN"), prefs);
        Assert.Equal(prefs, await bob.Ok<TranslationPreferencesDto>(bob.Http.GetAsync("/api/v1/users/me/translation")));
        Assert.Equal(new TranslationPreferencesDto(false, null), await alice.Ok<TranslationPreferencesDto>(alice.Http.GetAsync("/api/v1/users/me/translation")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await bob.StatusAsync(bob.Http.PutAsJsonAsync("/api/v1/users/me/translation", new TranslationPreferencesDto(true, "xx"))));

        Assert.Equal(new ConversationTranslationDto(true),
            await alice.Ok<ConversationTranslationDto>(alice.Http.PutAsJsonAsync($"/api/v1/conversations/{c}/translation", new ConversationTranslationDto(true))));
        Assert.Equal(new ConversationTranslationDto(true), await bob.Ok<ConversationTranslationDto>(bob.Http.GetAsync($"/api/v1/conversations/{c}/translation")));
        Assert.Equal(HttpStatusCode.Forbidden,
            (await bob.Http.PutAsJsonAsync($"/api/v1/conversations/{c}/translation", new ConversationTranslationDto(false))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/v1/conversations/{c}/translation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await stranger.Http.PutAsJsonAsync($"/api/v1/conversations/{c}/translation", new ConversationTranslationDto(false))).StatusCode);

        var status = await bob.Ok<TranslationStatusDto>(bob.Http.GetAsync("/api/v1/translation"));
        Assert.False(status.Enabled, "no provider is enabled by default");
        Assert.Empty(status.Languages);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Settings;

/// <summary>
/// Settings changed in the admin console (GET/PUT/DELETE /api/v1/admin/settings) apply to the next request without a
/// restart, show the configured default beside the value in force, refuse values outside their range and are audited.
/// </summary>
public class RuntimeSettingsTests : IAsyncLifetime
{
    private TestServer _server = null!;

    // A configured (appsettings-style) value, so "default" is the configuration's and not the built-in one.
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Messages:RecallWindow"] = "00:05:00" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<HttpResponseMessage> Put(Session s, string key, double? value) =>
        s.Http.PutAsJsonAsync($"/api/v1/admin/settings/{key}", new RuntimeSettingChange(value));

    [Fact]
    public async Task MaxTextBytes_ChangedAtRunTime_EnforcedOnNextSend_ResetRestoresDefault()
    {
        var admin = await _server.AdminAsync();
        var alice = await _server.UserAsync();
        var room = await admin.CreateAsync("channel", "limits", alice.Id);
        var text = new string('x', 200);
        await alice.SendAsync(room.Id, text);

        var changed = await admin.Ok<RuntimeSettingDto>(Put(admin, "messages.maxTextBytes", 100));
        Assert.Equal((100d, 16384d, true), (changed.Value, changed.Default, changed.Overridden));

        var refused = await alice.StatusAsync(alice.Http.PostAsJsonAsync($"/api/v1/conversations/{room.Id}/messages", new SendMessageRequest(text, null, null, null)));
        Assert.True(refused == (HttpStatusCode.RequestEntityTooLarge, ErrorCodes.MessageTooLarge),
            $"a 200-byte text after the limit became 100 must be refused at once (no restart), got {refused}");
        var config = await alice.Ok<ClientConfigDto>(alice.Http.GetAsync("/api/v1/config"));
        Assert.Equal(100, config.Messages?.MaxTextBytes);

        var reset = await admin.Ok<RuntimeSettingDto>(admin.Http.DeleteAsync("/api/v1/admin/settings/messages.maxTextBytes"));
        Assert.Equal((16384d, false), (reset.Value, reset.Overridden));
        await alice.SendAsync(room.Id, text);
        Assert.Equal(16384, (await alice.Ok<ClientConfigDto>(alice.Http.GetAsync("/api/v1/config"))).Messages?.MaxTextBytes);
    }

    [Fact]
    public async Task List_ShowsConfiguredDefault_AndOverrideReachesClientConfig()
    {
        var admin = await _server.AdminAsync();
        var all = await admin.Ok<RuntimeSettingsDto>(admin.Http.GetAsync("/api/v1/admin/settings"));
        var recall = all.Items.Single(s => s.Key == "messages.recallWindow");
        Assert.Equal((300d, 300d, false, "seconds"), (recall.Value, recall.Default, recall.Overridden, recall.Unit));
        Assert.Contains(all.Items, s => s.Key == "auth.sessionLifetime" && s.Unit == "minutes" && s.Value == 30 * 1440);

        await admin.Ok<RuntimeSettingDto>(Put(admin, "messages.recallWindow", 45));
        Assert.Equal(45, (await admin.Ok<ClientConfigDto>(admin.Http.GetAsync("/api/v1/config"))).Messages?.RecallWindowSeconds);
        var after = (await admin.Ok<RuntimeSettingsDto>(admin.Http.GetAsync("/api/v1/admin/settings"))).Items.Single(s => s.Key == "messages.recallWindow");
        Assert.Equal((45d, 300d, true), (after.Value, after.Default, after.Overridden));
        Assert.NotNull(after.UpdatedAt);
    }

    [Fact]
    public async Task PasswordPolicy_Raised_RefusesShorterPasswordAtOnce()
    {
        var admin = await _server.AdminAsync();
        await admin.Ok<RuntimeSettingDto>(Put(admin, "auth.minPasswordLength", 24));
        var (status, code) = await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/users",
            new CreateUserRequest("shortpw", TestServer.UserPassword, null, false, null)));
        Assert.True((status, code) == (HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            $"an 18-character password must be refused once the minimum is 24, got {(int)status} {code}");
        Assert.Equal(24, (await _server.Client().GetFromJsonAsync<ClientConfigDto>("/api/v1/config"))!.Auth.MinPasswordLength);
    }

    [Fact]
    public async Task SendRate_Lowered_LimitsTheNextBurst()
    {
        var admin = await _server.AdminAsync();
        var room = await admin.CreateAsync("channel", "rate", []);
        await admin.Ok<RuntimeSettingDto>(Put(admin, "messages.rateBurst", 2));
        await admin.Ok<RuntimeSettingDto>(Put(admin, "messages.ratePerSecond", 0.5));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await admin.StatusAsync(admin.Http.PostAsJsonAsync($"/api/v1/conversations/{room.Id}/messages", new SendMessageRequest($"m{i}", null, null, null)))).Status);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Theory]
    [InlineData("messages.maxTextBytes", 10.0)]          // below the minimum
    [InlineData("messages.maxTextBytes", 10_000_000.0)]  // above the JSON body limit
    [InlineData("messages.rateBurst", 2.5)]              // not a whole number
    [InlineData("auth.minPasswordLength", 4.0)]          // below NIST's 8
    [InlineData("files.maxFileSize", -1.0)]
    [InlineData("auth.sessionLifetime", null)]           // no value
    public async Task Put_BadValue_400WithTheKeyAsField_NothingStored(string key, double? value)
    {
        var admin = await _server.AdminAsync();
        using var res = await Put(admin, key, value);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        using var problem = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.ValidationFailed, problem.RootElement.GetProperty("code").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(key, out _), $"the problem names the setting: {problem.RootElement}");
        var stored = (await admin.Ok<RuntimeSettingsDto>(admin.Http.GetAsync("/api/v1/admin/settings"))).Items.Single(s => s.Key == key);
        Assert.False(stored.Overridden, "a refused value must not be stored");
    }

    [Fact]
    public async Task Put_UnknownKey_404_Member_403()
    {
        var admin = await _server.AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.StatusAsync(Put(admin, "storage.provider", 1))).Status);
        var alice = await _server.UserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.StatusAsync(Put(alice, "messages.maxTextBytes", 100))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.StatusAsync(alice.Http.GetAsync("/api/v1/admin/settings"))).Status);
    }

    [Fact]
    public async Task Change_AndReset_AreAudited_WithOldAndNewValue()
    {
        var admin = await _server.AdminAsync();
        await admin.Ok<RuntimeSettingDto>(Put(admin, "files.maxFileSize", 1048576));
        await admin.Ok<RuntimeSettingDto>(Put(admin, "files.maxFileSize", 1048576)); // unchanged: no second entry
        await admin.Ok<RuntimeSettingDto>(admin.Http.DeleteAsync("/api/v1/admin/settings/files.maxFileSize"));
        var page = await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=settings.changed"));
        var entries = page.Items.Where(e => e.Details?.GetProperty("key").GetString() == "files.maxFileSize").OrderBy(e => e.Id).ToList();
        Assert.Equal(2, entries.Count);
        var set = entries[0].Details!.Value;
        Assert.Equal((2147483648d, 1048576d, false), (set.GetProperty("from").GetDouble(), set.GetProperty("to").GetDouble(), set.GetProperty("reset").GetBoolean()));
        var reset = entries[1].Details!.Value;
        Assert.Equal((1048576d, 2147483648d, true), (reset.GetProperty("from").GetDouble(), reset.GetProperty("to").GetDouble(), reset.GetProperty("reset").GetBoolean()));
        Assert.Equal(admin.Id, entries[0].ActorId);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Push;

/// <summary>Issue 20, Web Push: registering devices (validation, ownership, dedupe, cap) and the do-not-disturb settings.</summary>
public class PushApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Push:MaxSubscriptionsPerUser"] = "2" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static PushKeysDto Keys()
    {
        var point = RandomNumberGenerator.GetBytes(65);
        point[0] = 0x04;
        return new PushKeysDto(B64(point), B64(RandomNumberGenerator.GetBytes(16)));
    }

    private static PushSubscriptionRequest Fcm(string? id = null) =>
        new("https://fcm.googleapis.com/fcm/send/" + (id ?? Guid.NewGuid().ToString("N")), null, Keys());

    [Fact]
    public async Task VapidPublicKey_IsAnUncompressedP256Point_SameEveryTime()
    {
        var user = await _server.UserAsync();
        var first = await user.Ok<VapidPublicKeyDto>(user.Http.GetAsync("/api/v1/push/vapid-public-key"));
        var again = await user.Ok<VapidPublicKeyDto>(user.Http.GetAsync("/api/v1/push/vapid-public-key"));
        var bytes = Convert.FromBase64String(first.PublicKey.Replace('-', '+').Replace('_', '/') + "=");
        Assert.Equal((65, (byte)0x04), (bytes.Length, bytes[0]));
        Assert.Equal(first.PublicKey, again.PublicKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client().GetAsync("/api/v1/push/vapid-public-key")).StatusCode);
    }

    [Fact]
    public async Task Subscribe_SameEndpointTwice_UpdatesOneRow_ListedForOwnerOnly()
    {
        var user = await _server.UserAsync();
        var other = await _server.UserAsync();
        var request = Fcm();
        using var created = await user.Http.PostAsJsonAsync("/api/v1/push/subscriptions", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dto = (await created.Content.ReadFromJsonAsync<PushSubscriptionDto>(Json.Options))!;
        Assert.Equal("fcm.googleapis.com", dto.EndpointHost);

        using var again = await user.Http.PostAsJsonAsync("/api/v1/push/subscriptions", request with { Keys = Keys(), Language = "zh-CN" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var updated = (await again.Content.ReadFromJsonAsync<PushSubscriptionDto>(Json.Options))!;
        Assert.Equal((dto.Id, "zh-CN"), (updated.Id, updated.Language));

        var mine = await user.Ok<ListResponse<PushSubscriptionDto>>(user.Http.GetAsync("/api/v1/push/subscriptions"));
        Assert.Equal([dto.Id], mine.Items.Select(s => s.Id));
        Assert.Empty((await other.Ok<ListResponse<PushSubscriptionDto>>(other.Http.GetAsync("/api/v1/push/subscriptions"))).Items);
    }

    [Fact]
    public async Task Delete_OthersSubscription_404_OwnerRemovesIt()
    {
        var user = await _server.UserAsync();
        var other = await _server.UserAsync();
        var dto = await user.Ok<PushSubscriptionDto>(user.Http.PostAsJsonAsync("/api/v1/push/subscriptions", Fcm()));

        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await other.StatusAsync(other.Http.DeleteAsync($"/api/v1/push/subscriptions/{dto.Id}")));
        Assert.Single((await user.Ok<ListResponse<PushSubscriptionDto>>(user.Http.GetAsync("/api/v1/push/subscriptions"))).Items);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.DeleteAsync($"/api/v1/push/subscriptions/{dto.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Http.DeleteAsync($"/api/v1/push/subscriptions/{dto.Id}")).StatusCode);
    }

    [Fact]
    public async Task Subscribe_BadInput_400WithCode_AndThePerUserCap_409()
    {
        var user = await _server.UserAsync();
        async Task Invalid(PushSubscriptionRequest r) =>
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await user.StatusAsync(user.Http.PostAsJsonAsync("/api/v1/push/subscriptions", r)));

        await Invalid(Fcm() with { Endpoint = null });
        await Invalid(Fcm() with { Endpoint = "not a url" });
        await Invalid(Fcm() with { Endpoint = "http://fcm.googleapis.com/fcm/send/x" }); // http without AllowInsecureEndpoints
        await Invalid(Fcm() with { Endpoint = "https://intranet.example/fcm/send/x" }); // not a known push service
        await Invalid(Fcm() with { Endpoint = "https://fcm.googleapis.com/" + new string('a', 2100) });
        await Invalid(Fcm() with { Keys = null });
        await Invalid(Fcm() with { Keys = Keys() with { P256dh = B64(new byte[64]) } });
        await Invalid(Fcm() with { Keys = Keys() with { Auth = B64(new byte[8]) } });
        await Invalid(Fcm() with { Keys = Keys() with { Auth = "not*base64" } });
        await Invalid(Fcm() with { ExpirationTime = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds() });

        // Subdomains of a listed push service are accepted (web.push.apple.com under push.apple.com).
        await user.Ok<PushSubscriptionDto>(user.Http.PostAsJsonAsync("/api/v1/push/subscriptions", Fcm() with { Endpoint = "https://web.push.apple.com/QGx" + Guid.NewGuid().ToString("N") }));
        await user.Ok<PushSubscriptionDto>(user.Http.PostAsJsonAsync("/api/v1/push/subscriptions", Fcm()));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.PushSubscriptionLimit), await user.StatusAsync(user.Http.PostAsJsonAsync("/api/v1/push/subscriptions", Fcm())));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client().PostAsJsonAsync("/api/v1/push/subscriptions", Fcm())).StatusCode);
    }

    [Fact]
    public async Task Settings_SaveAndReload_BadValues400_PausedInThePastIsCleared()
    {
        var user = await _server.UserAsync();
        var defaults = await user.Ok<PushSettingsDto>(user.Http.GetAsync("/api/v1/push/settings"));
        Assert.Equal(new PushSettingsDto(false, null, null, null, null, PushPreviews.Full), defaults);

        var until = DateTimeOffset.UtcNow.AddHours(2);
        var saved = await user.Ok<PushSettingsDto>(user.Http.PutAsJsonAsync("/api/v1/push/settings", new PushSettingsRequest(true, "22:30", "07:00", "Asia/Shanghai", until)));
        var reloaded = await user.Ok<PushSettingsDto>(user.Http.GetAsync("/api/v1/push/settings"));
        Assert.Equal(saved, reloaded);
        Assert.Equal((true, "22:30", "07:00", "Asia/Shanghai"), (reloaded.HideContent, reloaded.QuietStart, reloaded.QuietEnd, reloaded.TimeZone));
        Assert.Equal(until.ToUnixTimeMilliseconds(), reloaded.PausedUntil!.Value.ToUnixTimeMilliseconds());

        async Task Invalid(PushSettingsRequest r) =>
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await user.StatusAsync(user.Http.PutAsJsonAsync("/api/v1/push/settings", r)));
        await Invalid(new PushSettingsRequest(false, "25:00", "07:00", null, null));
        await Invalid(new PushSettingsRequest(false, "22:00", null, null, null));
        await Invalid(new PushSettingsRequest(false, "08:00", "08:00", null, null));
        await Invalid(new PushSettingsRequest(false, null, null, "Mars/Olympus_Mons", null));
        await Invalid(new PushSettingsRequest(false, null, null, null, DateTimeOffset.UtcNow.AddYears(2)));

        var cleared = await user.Ok<PushSettingsDto>(user.Http.PutAsJsonAsync("/api/v1/push/settings", new PushSettingsRequest(false, null, null, null, DateTimeOffset.UtcNow.AddMinutes(-5))));
        Assert.Equal(new PushSettingsDto(false, null, null, null, null, PushPreviews.Full), cleared);
    }

    [Fact]
    public async Task ServerPreviewSetting_IsReported_AndAnUnknownValueIsRefused()
    {
        await using (var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Push:Preview"] = "none" }))
        {
            var user = await server.UserAsync();
            Assert.Equal(PushPreviews.None, (await user.Ok<PushSettingsDto>(user.Http.GetAsync("/api/v1/push/settings"))).ServerPreview);
        }
        var refused = new Parley.Server.Features.Push.PushOptionsValidation().Validate(null, new Parley.Server.Features.Push.PushOptions { Preview = "everything" });
        Assert.True(refused.Failed);
        Assert.Contains("Parley:Push:Preview", refused.FailureMessage);
    }
}

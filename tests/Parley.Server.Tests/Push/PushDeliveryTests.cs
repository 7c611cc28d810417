using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Push;

/// <summary>
/// Issue 20, Web Push end to end: Parley encrypts and signs real pushes to a real push service (web-push-testing), which
/// verifies the VAPID signature and decrypts them; the tests read what a browser would have received. Every "gets
/// nothing" assertion waits first for a push the same message (or a later one) caused, so it cannot pass by being early.
/// </summary>
public class PushDeliveryTests(WebPushTestingService push) : IClassFixture<WebPushTestingService>, IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync(PushPreviews.Full);
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<TestServer> StartAsync(string preview)
    {
        var settings = WebPushTestingService.ServerSettings(preview);
        settings["Parley:Subscribers:PollInterval"] = "00:00:00.200";
        var server = await TestServer.StartAsync(settings);
        // The push subscriber starts at the log's end when it first takes its lease: wait for that, or the first
        // message of a test could be older than its starting point.
        var admin = await server.AdminAsync();
        for (var i = 0; i < 100; i++)
        {
            var subscribers = await admin.Ok<ListResponse<SubscriberStatusDto>>(admin.Http.GetAsync("/api/v1/admin/subscribers"));
            if (subscribers.Items.Any(s => s.Name == "web-push" && s.Owner is not null)) break;
            await Task.Delay(100);
        }
        return server;
    }

    /// <summary>The user's browser subscribes at the push service with Parley's VAPID key and registers the subscription with Parley.</summary>
    private async Task<(WebPushTestingService.Subscription Device, PushSubscriptionDto Registered)> DeviceAsync(Session user, string? language = null)
    {
        var key = await user.Ok<VapidPublicKeyDto>(user.Http.GetAsync("/api/v1/push/vapid-public-key"));
        var device = await push.SubscribeAsync(key.PublicKey);
        var registered = await user.Ok<PushSubscriptionDto>(user.Http.PostAsJsonAsync("/api/v1/push/subscriptions", device.Request(language)));
        return (device, registered);
    }

    private static async Task<IReadOnlyList<PushSubscriptionDto>> DevicesAsync(Session user) =>
        (await user.Ok<ListResponse<PushSubscriptionDto>>(user.Http.GetAsync("/api/v1/push/subscriptions"))).Items;

    [Fact]
    public async Task Message_ToOfflineMember_ArrivesDecrypted_WithSenderConversationAndText_NotToTheSender()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "Launch 发布", bob.Id);
        var (bobDevice, registered) = await DeviceAsync(bob, "zh-CN");
        var (aliceDevice, _) = await DeviceAsync(alice);

        var m = await alice.SendAsync(g.Id, "Ship it 今天发布");

        var got = Assert.Single(await push.WaitForAsync(bobDevice, 1));
        Assert.Equal(new PushPayload("message", g.Id, m.Id, PushPreviews.Full, "zh-CN", $"/#/c/{g.Id}/m/{m.Id}", "Launch 发布", alice.User.DisplayName, "Ship it 今天发布"), got);
        Assert.Empty(await push.NotificationsAsync(aliceDevice));
        var device = Assert.Single(await DevicesAsync(bob));
        Assert.Equal(registered.Id, device.Id);
        Assert.NotNull(device.LastSuccessAt);
    }

    [Fact]
    public async Task MemberWithALiveHubConnection_GetsNoPush_UntilDisconnected()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "online", bob.Id, carol.Id);
        var (bobDevice, _) = await DeviceAsync(bob);
        var (carolDevice, _) = await DeviceAsync(carol);

        var hub = _server.Hub(bob.Token);
        await hub.StartRegisteredAsync(); // Bob is registered as online
        await alice.SendAsync(g.Id, "while you are here");
        // The rule is checked when the push is sent, not at the commit: Carol's push shows this message was handled.
        Assert.Single(await push.WaitForAsync(carolDevice, 1));
        await hub.StopAsync();
        await hub.DisposeAsync();
        for (var i = 0; i < 100; i++)
        {
            var presence = await alice.Ok<ListResponse<PresenceDto>>(alice.Http.GetAsync($"/api/v1/presence?userIds={bob.Id}"));
            if (presence.Items.Single().Status == PresenceStatus.Offline) break;
            await Task.Delay(50);
        }
        var later = await alice.SendAsync(g.Id, "after you left");

        await push.WaitForAsync(carolDevice, 2);
        var got = Assert.Single(await push.WaitForAsync(bobDevice, 1));
        Assert.Equal((later.Id, "after you left"), (got.MessageId, got.Text));
    }

    [Fact]
    public async Task MutedConversation_PushesNothing_ExceptAMentionByName_AtAllDoesNotBreakThrough()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "noisy", bob.Id);
        (await bob.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/mute", new MuteRequest(true))).EnsureSuccessStatusCode();
        var (bobDevice, _) = await DeviceAsync(bob);

        await alice.SendAsync(g.Id, "nothing for you");
        await alice.SendAsync(g.Id, "@all standup");
        var mention = await alice.SendAsync(g.Id, $"@{bob.User.Username} please look");

        // Messages are handled in order: once the mention's push is there, the two before it were decided.
        await push.WaitForAsync(bobDevice, 1);
        var got = Assert.Single(await push.NotificationsAsync(bobDevice));
        Assert.Equal((mention.Id, true), (got.MessageId, got.Mention));
    }

    [Fact]
    public async Task DoNotDisturb_PausedUserGetsNothing_HideContentNamesOnlyTheSender_SignedOutGetsNothing()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var dave = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "plans", bob.Id, carol.Id, dave.Id);
        var (bobDevice, _) = await DeviceAsync(bob);
        var (carolDevice, _) = await DeviceAsync(carol);
        var (daveDevice, _) = await DeviceAsync(dave);
        (await bob.Http.PutAsJsonAsync("/api/v1/push/settings", new PushSettingsRequest(false, null, null, null, DateTimeOffset.UtcNow.AddHours(1)))).EnsureSuccessStatusCode();
        (await carol.Http.PutAsJsonAsync("/api/v1/push/settings", new PushSettingsRequest(true, null, null, null, null))).EnsureSuccessStatusCode();
        (await dave.Http.PostAsync("/api/v1/auth/logout", null)).EnsureSuccessStatusCode();

        var secret = await alice.SendAsync(g.Id, "the secret plan");

        var carolGot = Assert.Single(await push.WaitForAsync(carolDevice, 1));
        Assert.Equal((secret.Id, PushPreviews.Sender, alice.User.DisplayName, null), (carolGot.MessageId, carolGot.Preview, carolGot.Sender, carolGot.Text));
        Assert.Empty(await push.NotificationsAsync(bobDevice));
        Assert.Empty(await push.NotificationsAsync(daveDevice));

        (await bob.Http.PutAsJsonAsync("/api/v1/push/settings", new PushSettingsRequest(false, null, null, null, null))).EnsureSuccessStatusCode();
        var open = await alice.SendAsync(g.Id, "now you may hear");
        Assert.Equal([open.Id], (await push.WaitForAsync(bobDevice, 1)).Select(p => p.MessageId));
    }

    [Fact]
    public async Task UrgentMessage_ReachesATargetWhoMutedAndPaused_AsUrgent_OthersAsUsual()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "incident", bob.Id, carol.Id);
        (await bob.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/mute", new MuteRequest(true))).EnsureSuccessStatusCode();
        (await bob.Http.PutAsJsonAsync("/api/v1/push/settings", new PushSettingsRequest(false, null, null, null, DateTimeOffset.UtcNow.AddHours(1)))).EnsureSuccessStatusCode();
        var (bobDevice, _) = await DeviceAsync(bob);
        var (carolDevice, _) = await DeviceAsync(carol);

        var res = await alice.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/messages", new SendMessageRequest("the site is down", null, null, null) { UrgentFor = [bob.Id] });
        var urgent = (await res.Content.ReadFromJsonAsync<MessageDto>(Json.Options))!;

        var bobGot = Assert.Single(await push.WaitForAsync(bobDevice, 1));
        Assert.Equal((urgent.Id, "urgent", "the site is down"), (bobGot.MessageId, bobGot.Kind, bobGot.Text));
        var carolGot = Assert.Single(await push.WaitForAsync(carolDevice, 1));
        Assert.Equal((urgent.Id, "message"), (carolGot.MessageId, carolGot.Kind));
    }

    [Fact]
    public async Task GoneSubscription_410_IsRemoved_ADeadEndpointIsRecorded_OthersStillDelivered()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "gone", bob.Id, carol.Id);
        var (bobDevice, bobRegistered) = await DeviceAsync(bob);
        var (carolDevice, _) = await DeviceAsync(carol);
        // A second device of Bob's on a port where nothing listens: connection refused.
        var dead = bobDevice.Request() with { Endpoint = $"http://localhost:{Ports.Free()}/notify/dead" };
        var deadRegistered = await bob.Ok<PushSubscriptionDto>(bob.Http.PostAsJsonAsync("/api/v1/push/subscriptions", dead));
        await push.ExpireAsync(bobDevice);

        await alice.SendAsync(g.Id, "anyone there?");

        Assert.Single(await push.WaitForAsync(carolDevice, 1));
        IReadOnlyList<PushSubscriptionDto> left = [];
        for (var i = 0; i < 100; i++)
        {
            left = await DevicesAsync(bob);
            if (left.All(d => d.Id != bobRegistered.Id) && left.Any(d => d.LastError is not null)) break;
            await Task.Delay(100);
        }
        var remaining = Assert.Single(left);
        Assert.Equal(deadRegistered.Id, remaining.Id);
        Assert.NotNull(remaining.LastError);
    }

    [Fact]
    public async Task ServerPreviewNone_PushCarriesOnlyIds()
    {
        await using var server = await StartAsync(PushPreviews.None);
        var alice = await server.UserAsync();
        var bob = await server.UserAsync();
        var dm = await alice.CreateAsync(ConversationKinds.Direct, null, bob.Id);
        var key = await bob.Ok<VapidPublicKeyDto>(bob.Http.GetAsync("/api/v1/push/vapid-public-key"));
        var device = await push.SubscribeAsync(key.PublicKey);
        await bob.Ok<PushSubscriptionDto>(bob.Http.PostAsJsonAsync("/api/v1/push/subscriptions", device.Request()));

        var m = await alice.SendAsync(dm.Id, "private words");

        var got = Assert.Single(await push.WaitForAsync(device, 1));
        Assert.Equal(new PushPayload("message", dm.Id, m.Id, PushPreviews.None, "en", $"/#/c/{dm.Id}/m/{m.Id}"), got);
    }
}

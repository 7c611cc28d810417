using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Platform;

/// <summary>
/// User lifecycle and admin actions land in the system stream with actor, target and address, and a durable
/// subscriber registered through the public seam reads them in order, once each (in-process, both providers).
/// </summary>
public class SystemEventsTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private readonly RecordingSubscriber _system = new("test-system-" + Guid.NewGuid().ToString("N")[..6], EventStreams.System);
    private readonly RecordingSubscriber _conversations = new("test-conv-" + Guid.NewGuid().ToString("N")[..6], EventStreams.Conversations) { FailuresLeft = 2 };

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(
        new Dictionary<string, string?> { ["Parley:Subscribers:MaxBackoff"] = "00:00:01" },
        configure: b => b.Services.AddSingleton<IEventSubscriber>(_system).AddSingleton<IEventSubscriber>(_conversations));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AccountLifecycle_IsRecorded_WithActorTargetAndAddress()
    {
        var admin = await _server.AdminAsync();
        var bob = await _server.UserAsync("bob");
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{bob.Id}", new UpdateUserRequest("Bob B", null, null, [Roles.Auditor])));
        (await admin.Http.PutAsJsonAsync($"/api/v1/users/{bob.Id}/password", new ResetPasswordRequest("brand-new-password"))).EnsureSuccessStatusCode();
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{bob.Id}", new UpdateUserRequest(null, false, null)));

        var seen = await _system.WaitForAsync(s => s.Any(e => e.Type == SystemEventTypes.UserDeactivated), "user.deactivated");
        Assert.Equal(seen.Select(e => e.Id).Order(), seen.Select(e => e.Id));
        Assert.Equal(seen.Count, seen.Select(e => e.Id).Distinct().Count());
        var types = seen.Where(e => e.TargetId == bob.Id).Select(e => e.Type).ToList();
        Assert.Equal([SystemEventTypes.UserCreated, SystemEventTypes.SessionCreated, SystemEventTypes.UserRenamed, SystemEventTypes.UserRolesChanged,
            SystemEventTypes.PasswordReset, SystemEventTypes.UserDeactivated], types);
        Assert.All(seen.Where(e => e.TargetId == bob.Id && e.Type != SystemEventTypes.SessionCreated), e => Assert.Equal(admin.Id, e.ActorId));
        Assert.Equal(SystemEventTypes.SetupCompleted, seen[0].Type);
        var roles = JsonDocument.Parse(seen.Single(e => e.Type == SystemEventTypes.UserRolesChanged).Data!).RootElement;
        Assert.Equal(Roles.Auditor, roles.GetProperty("to")[0].GetString());
    }

    [Fact]
    public async Task ConversationStream_FailingBatches_AreRetried_ThenDeliveredInLogOrder_AndTheCursorIsVisible()
    {
        var alice = await _server.UserAsync("alice");
        var group = await alice.CreateAsync(ConversationKinds.Group, "log");
        for (var i = 0; i < 20; i++) await alice.SendAsync(group.Id, "m" + i);
        var seen = await _conversations.WaitForAsync(s => s.Count(e => e.ConversationId == group.Id && e.Type == EventTypes.MessageCreated) == 20, "20 messages");
        var mine = seen.Where(e => e.ConversationId == group.Id).ToList();
        Assert.Equal(Enumerable.Range(1, mine.Count).Select(i => (long?)i), mine.Select(e => e.Seq));
        Assert.True(_conversations.Calls > seen.Count / 7, "the two deliberate failures were retried");

        // The cursor is stored at most a CursorInterval (1 s) after the batch was handled.
        var admin = await _server.AdminAsync();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        SubscriberStatusDto status;
        do
        {
            status = (await admin.Ok<ListResponse<SubscriberStatusDto>>(admin.Http.GetAsync("/api/v1/admin/subscribers"))).Items.Single(s => s.Name == _conversations.Name);
            if (status.PositionId == seen[^1].Id) break;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(EventStreams.Conversations, status.Stream);
        Assert.NotNull(status.Owner);
        Assert.Equal(0, status.Failures);
        Assert.Equal(seen[^1].Id, status.PositionId);
        Assert.Equal(0, status.Lag);
    }
}

using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>
/// Issue 17, real component: Prometheus Alertmanager's Slack notifier posts a fired alert to a Parley incoming webhook
/// on loopback (incoming hooks accept any sender; the SSRF guard is for outgoing calls only).
/// </summary>
public class AlertmanagerTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FiredAlert_SlackReceiver_ArrivesAsACardMessageWithItsTitle()
    {
        var owner = await _server.UserAsync();
        var group = await owner.CreateAsync(ConversationKinds.Channel, "alerts");
        var hook = await owner.CreateHookAsync(group.Id, "Alertmanager");
        await using var am = await Alertmanager.StartAsync(hook.Url);
        await am.FireAsync("DiskAlmostFull", "Disk on db-1 is 95% full");

        MessageDto? alert = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (alert is null && DateTime.UtcNow < deadline)
        {
            alert = (await owner.MessagesAsync(group.Id)).FirstOrDefault(m => m.SenderId == hook.Hook.BotUserId);
            if (alert is null) await Task.Delay(200);
        }
        Assert.True(alert is not null, "Alertmanager's Slack notification did not arrive as a message within 20 s");
        // Alertmanager's default Slack template: title "[FIRING:1] DiskAlmostFull …", colour danger, fallback title | link.
        Assert.Contains("[FIRING:1] DiskAlmostFull", alert.Text, StringComparison.Ordinal);
        var header = alert.Card?.Blocks.FirstOrDefault(b => b.Type == CardBlockTypes.Header);
        Assert.True(header?.Text?.Contains("DiskAlmostFull", StringComparison.Ordinal) == true, "the alert's title must be the card's header: " + System.Text.Json.JsonSerializer.Serialize(alert.Card));
        Assert.Equal("danger", alert.Card!.Color);
    }
}

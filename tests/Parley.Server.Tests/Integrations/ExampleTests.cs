using System.Diagnostics;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>The worked example examples/crm-notifier, run as a real Node process against the server (the approval bot is in <see cref="CardActionTests"/>).</summary>
public class ExampleTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CrmNotifier_PostsATicket_ArrivesAsACardWithItsFields()
    {
        var folder = NodeTools.Folder("crm-notifier", "examples", "notify.js");
        var owner = await _server.UserAsync();
        var group = await owner.CreateAsync(ConversationKinds.Channel, "support");
        var hook = await owner.CreateHookAsync(group.Id, "CRM");
        var psi = new ProcessStartInfo("node", ["notify.js", """{"id":1042,"subject":"Printer on fire","customer":"ACME 上海","priority":"urgent","owner":"Li Wei","sla":"4 h","url":"https://crm.example.com/t/1042","summary":"Smoke from *tray 2*"}"""])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment = { ["PARLEY_HOOK_URL"] = hook.Url },
        };
        using var p = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stdout = p.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = p.StandardError.ReadToEndAsync(cts.Token);
        await p.WaitForExitAsync(cts.Token);
        Assert.True(p.ExitCode == 0, $"notify.js failed ({p.ExitCode}): {await stderr}");
        Assert.Contains("posted ticket #1042: ok", await stdout, StringComparison.Ordinal);

        var m = await owner.LatestAsync(group.Id);
        Assert.Equal((hook.Hook.BotUserId, "New ticket [#1042](<https://crm.example.com/t/1042>) from **ACME 上海**"), (m.SenderId, m.Text));
        var card = m.Card!;
        Assert.Equal(("danger", "#1042 Printer on fire", "https://crm.example.com/t/1042"), (card.Color, card.Blocks[0].Text, card.Blocks[0].Link));
        var section = card.Blocks.Single(b => b.Fields is not null);
        Assert.Equal("Smoke from **tray 2**", section.Text);
        Assert.Equal([("Customer", "ACME 上海"), ("Priority", "urgent"), ("Owner", "Li Wei"), ("SLA", "4 h")], section.Fields!.Select(f => (f.Title, f.Value)));
        Assert.All(section.Fields!, f => Assert.True(f.Inline, "short fields sit side by side"));
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Cluster;

namespace Parley.Server.Tests.Settings;

/// <summary>
/// Two server processes on one PostgreSQL database: a setting changed through one node applies on the other without a
/// restart, because that node's per-node reader of the system stream (SettingChangesFromLog) loads the table again.
/// </summary>
[Collection("cluster")]
[Trait("Category", "Cluster")]
public class RuntimeSettingsClusterTests
{
    [Fact]
    public async Task MaxTextBytes_ChangedOnNodeA_EnforcedOnNodeB_AndResetToo()
    {
        await using var cluster = await Cluster.Cluster.StartAsync(2, perNode: _ => new Dictionary<string, string> { ["Parley__Subscribers__PollInterval"] = "00:00:00.2" });
        var (admin, users) = await ClusterUser.CreateAsync(cluster.Nodes[0], 1);
        using var a = admin.Http(cluster.Nodes[0]);
        using var b = users[0].Http(cluster.Nodes[1]);
        var room = (await (await a.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest("channel", "limits", [users[0].Id], null))).Content.ReadFromJsonAsync<ConversationDto>())!.Id;
        var text = new string('y', 300);
        Assert.Equal(HttpStatusCode.Created, await SendAsync(b, room, text));

        (await a.PutAsJsonAsync("/api/v1/admin/settings/messages.maxTextBytes", new RuntimeSettingChange(200))).EnsureSuccessStatusCode();
        var refusedAfter = await UntilAsync(b, room, text, HttpStatusCode.RequestEntityTooLarge);
        Assert.True(refusedAfter is not null, "node B never applied the limit set on node A (no restart)");
        Assert.Equal(200, (await b.GetFromJsonAsync<ClientConfigDto>("/api/v1/config"))!.Messages?.MaxTextBytes);

        (await a.DeleteAsync("/api/v1/admin/settings/messages.maxTextBytes")).EnsureSuccessStatusCode();
        Assert.True(await UntilAsync(b, room, text, HttpStatusCode.Created) is not null, "node B never went back to the default after the reset on node A");
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, long room, string text)
    {
        using var res = await http.PostAsJsonAsync($"/api/v1/conversations/{room}/messages", new SendMessageRequest(text, null, null, null));
        return res.StatusCode;
    }

    /// <summary>Sends until the answer is <paramref name="expected"/> (at most 10 s); the time it took, or null.</summary>
    private static async Task<TimeSpan?> UntilAsync(HttpClient http, long room, string text, HttpStatusCode expected)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (await SendAsync(http, room, text) == expected) return watch.Elapsed;
            await Task.Delay(100);
        }
        return null;
    }
}

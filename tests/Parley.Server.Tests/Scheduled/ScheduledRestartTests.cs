using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Scheduled;

/// <summary>
/// A schedule lives in the database, not in the process: the real server is killed with SIGKILL right after
/// accepting it, restarted on the same data, and the message is still sent — once.
/// </summary>
[Collection("processes")]
public class ScheduledRestartTests
{
    [Fact]
    public async Task Sigkill_AfterScheduling_TheRestartedServerSendsItOnce()
    {
        await using var server = new ServerProcess();
        string[] args = ["--Parley:Scheduled:PollInterval=00:00:00.200"];
        await server.StartAsync(args);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var setup = await http.PostAsJsonAsync("/api/v1/setup", new SetupRequest("admin", TestServer.AdminPassword, null));
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await setup.Content.ReadFromJsonAsync<LoginResponse>())!.Token);
        var room = (await (await http.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest("channel", "restart", null, null))).Content.ReadFromJsonAsync<ConversationDto>())!;

        var sendAt = DateTimeOffset.UtcNow.AddSeconds(3);
        using var res = await http.PostAsJsonAsync($"/api/v1/conversations/{room.Id}/messages", new SendMessageRequest("survives a crash", null, null, null, null, SendAt: sendAt.ToString("O")));
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        var accepted = (await res.Content.ReadFromJsonAsync<ScheduledMessageAcceptedDto>(Json.Options))!;
        server.Kill();
        await Task.Delay(sendAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1)); // its time passes while the server is down

        await server.StartAsync(args);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<MessageDto> sent = [];
        while (DateTime.UtcNow < deadline)
        {
            var page = (await http.GetFromJsonAsync<ListResponse<MessageDto>>($"/api/v1/conversations/{room.Id}/messages", Json.Options))!.Items;
            sent = [.. page.Where(m => m.ClientMsgId == $"scheduled:{accepted.ScheduledId}")];
            if (sent.Count > 0) break;
            await Task.Delay(200);
        }
        Assert.True(sent.Count == 1, $"expected the scheduled message once after the restart, found {sent.Count}");
        Assert.Equal("survives a crash", sent[0].Text);
        await Task.Delay(1000);
        var after = (await http.GetFromJsonAsync<ListResponse<MessageDto>>($"/api/v1/conversations/{room.Id}/messages", Json.Options))!.Items;
        Assert.Single(after, m => m.Text == "survives a crash");
        Assert.Empty((await http.GetFromJsonAsync<ListResponse<ScheduledMessageDto>>("/api/v1/scheduled-messages", Json.Options))!.Items);
    }
}

using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Organisation;

/// <summary>
/// A user created by the operator's CLI (another process, writing straight to the database) joins the default channels
/// too: the server's durable subscriber finds the CLI's user.created in the system stream on its next poll.
/// </summary>
[Collection("processes")]
public class DefaultChannelCliTests
{
    [Fact]
    public async Task UserAddedByTheCli_JoinsTheDefaultChannel()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Subscribers:PollInterval"] = "00:00:00.200" });
        var admin = await server.AdminAsync();
        var lobby = await admin.CreateAsync(ConversationKinds.Channel, "lobby");
        await admin.Ok<AdminConversationDto>(admin.Http.PutAsJsonAsync($"/api/v1/admin/conversations/{lobby.Id}/default", new SetDefaultChannelRequest(false)));

        var (exit, _, err) = await ParleyCommand.RunWithInputAsync(server.Database, "Tq7mz9-from-cli-k2\n",
            "user", "add", "--username", "operator-made", "--password-stdin", "--data", server.DataDirectory);
        Assert.True(exit == 0, err);

        var user = (await admin.Ok<ListResponse<UserDto>>(admin.Http.GetAsync("/api/v1/users?query=operator-made"))).Items.Single();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!(await admin.Ok<ListResponse<MemberDto>>(admin.Http.GetAsync($"/api/v1/admin/conversations/{lobby.Id}/members"))).Items.Any(m => m.UserId == user.Id))
        {
            Assert.True(DateTime.UtcNow < until, "the user the CLI created did not join the default channel");
            await Task.Delay(100);
        }
    }
}

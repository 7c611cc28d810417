using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>Creates bots through the admin API, as an administrator would.</summary>
public static class BotClient
{
    public static async Task<BotTokenDto> CreateAsync(TestServer server, params string[] scopes)
    {
        var admin = await server.AdminAsync();
        return await admin.Ok<BotTokenDto>(admin.Http.PostAsJsonAsync("/api/v1/bots",
            new CreateBotRequest("bot" + Guid.NewGuid().ToString("N")[..8], "Build Bot", scopes)));
    }
}

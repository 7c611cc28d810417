using System.Net;
using System.Net.Http.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Settings;

/// <summary>GET /api/v1/admin/dashboard counts what was seeded: users by state, active today, messages per UTC day, storage.</summary>
public class DashboardTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Dashboard_MatchesSeededData()
    {
        var admin = await _server.AdminAsync();
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{bob.Id}", new UpdateUserRequest(null, false, null)));
        var room = await admin.CreateAsync("channel", "dashboard", alice.Id);
        var dm = await alice.CreateAsync("direct", null, admin.Id);
        var sent = new List<long>();
        for (var i = 0; i < 5; i++) sent.Add((await alice.SendAsync(room.Id, $"today {i}")).Id);
        sent.Add((await admin.SendAsync(dm.Id, "hello")).Id);
        var file = await alice.UploadAsync(FileClient.RandomBytes(3000, seed: 7), "report.bin");

        // Two messages moved to three days ago, one to 40 days ago (outside the 30-day window).
        await using (var db = await _server.Database.OpenDirectAsync())
        {
            await db.ExecuteAsync("UPDATE messages SET created_at = created_at - @shift WHERE id IN (@a, @b)", new { shift = 3 * 86_400_000L, a = sent[0], b = sent[1] });
            await db.ExecuteAsync("UPDATE messages SET created_at = created_at - @shift WHERE id = @c", new { shift = 40 * 86_400_000L, c = sent[2] });
        }

        var d = await admin.Ok<DashboardDto>(admin.Http.GetAsync("/api/v1/admin/dashboard"));
        Assert.Equal(new DashboardUsersDto(3, 2, 1), d.Users);
        Assert.Equal(3, d.ActiveToday); // all three signed in today; bob's deactivation does not undo that
        Assert.Equal(2, d.Conversations);
        Assert.Equal(30, d.MessagesPerDay.Count);
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var threeDaysAgo = DateTimeOffset.UtcNow.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(today, d.MessagesPerDay[^1].Day);
        Assert.Equal(3, d.MessagesPerDay[^1].Count);
        Assert.Equal(2, d.MessagesPerDay.Single(x => x.Day == threeDaysAgo).Count);
        Assert.Equal(5, d.MessagesPerDay.Sum(x => x.Count)); // the 40-day-old one is outside the window
        Assert.Equal(1, d.Storage.Files);
        Assert.Equal(file.Size, d.Storage.FileBytes);
        Assert.True(d.Storage.DatabaseBytes > 0, "the database size is known on SQLite and PostgreSQL");
    }

    [Fact]
    public async Task Dashboard_Member_403()
    {
        var alice = await _server.UserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.StatusAsync(alice.Http.GetAsync("/api/v1/admin/dashboard"))).Status);
    }
}

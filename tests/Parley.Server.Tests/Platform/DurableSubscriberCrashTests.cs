using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Platform;

/// <summary>
/// At least once across SIGKILL: the real server process (tests/Parley.TestHost: the server plus a throwaway subscriber
/// that records each delivery on disk before acknowledging) is killed while messages stream in and its subscriber
/// works through them slowly, then restarted on the same data. Every committed event reaches the subscriber; some may
/// come twice (those handled but not yet acknowledged at the kill), none is skipped, and per conversation they come in
/// seq order within each run. Run twice: with the cursor stored after every batch (then a kill replays at most one
/// batch) and with the default, where the cursor is stored at most once a second (a kill replays at most what was
/// handled since; once the stream goes quiet the cursor is stored all the same).
/// </summary>
[Collection("processes")]
public class DurableSubscriberCrashTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData(null)]
    public async Task Subscriber_KilledMidStream_ResumesFromItsCursor_SkippingNothing(string? cursorInterval)
    {
        var log = Path.Combine(Path.GetTempPath(), "parley-tests", "subscriber-" + Guid.NewGuid().ToString("N") + ".log");
        await using var server = new ServerProcess { Program = "Parley.TestHost" };
        server.Environment["PARLEY_TESTHOST_LOG"] = log;
        server.Environment["PARLEY_TESTHOST_DELAY_MS"] = "30";
        server.Environment["Parley__Subscribers__PollInterval"] = "00:00:00.2";
        if (cursorInterval is not null) server.Environment["Parley__Subscribers__CursorInterval"] = cursorInterval;
        await server.StartAsync();

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var setup = await http.PostAsJsonAsync("/api/v1/setup", new SetupRequest("admin", TestServer.AdminPassword, null));
        Assert.True(setup.IsSuccessStatusCode, $"setup answered {(int)setup.StatusCode}: {await setup.Content.ReadAsStringAsync()}");
        var login = (await setup.Content.ReadFromJsonAsync<LoginResponse>())!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", login.Token);
        var rooms = new List<long>();
        for (var r = 0; r < 2; r++)
            rooms.Add((await (await http.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest("channel", "sub" + r, null, null))).Content.ReadFromJsonAsync<ConversationDto>())!.Id);
        for (var i = 0; i < 120; i++)
            (await http.PostAsJsonAsync($"/api/v1/conversations/{rooms[i % 2]}/messages", new SendMessageRequest("before " + i, null, null, null))).EnsureSuccessStatusCode();

        // The subscriber is behind (30 ms per batch of 5): kill it part-way through.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (SubscriberLogFile.Read(log).Count < 40 && DateTime.UtcNow < deadline) await Task.Delay(20);
        var firstPid = server.Pid;
        server.Kill();
        var beforeKill = SubscriberLogFile.Read(log);
        Assert.True(beforeKill.Count >= 40, $"the subscriber delivered {beforeKill.Count} events before the kill");

        await server.StartAsync();
        for (var i = 0; i < 30; i++)
            (await http.PostAsJsonAsync($"/api/v1/conversations/{rooms[i % 2]}/messages", new SendMessageRequest("after " + i, null, null, null))).EnsureSuccessStatusCode();

        var logged = await SubscriberLogFile.LoggedAsync(server.BaseAddress, login.Token, rooms);
        var seen = await SubscriberLogFile.WaitForAllAsync(() => SubscriberLogFile.Read(log), logged, TimeSpan.FromSeconds(60));
        Assert.True(beforeKill.Count < logged.Count, "the kill landed before the subscriber had seen everything");
        Assert.Contains(seen, d => d.Pid != firstPid); // the restarted process delivered the rest
        foreach (var run in seen.GroupBy(d => d.Pid))
        {
            foreach (var room in run.GroupBy(d => d.ConversationId))
                Assert.Equal(room.Select(d => d.Seq).Order(), room.Select(d => d.Seq));
        }
        // Replays after the kill are bounded by what was handled but not acknowledged: with the cursor stored after
        // every batch, at most one batch; otherwise at most what the first run delivered.
        var duplicates = seen.Count - seen.Select(d => d.EventId).Distinct().Count();
        Assert.InRange(duplicates, 0, cursorInterval == "00:00:00" ? 5 : beforeKill.Count);

        // Quiet now: the stored cursor reaches the end within about a cursor interval, not at the next lease renewal.
        var quiet = DateTime.UtcNow.AddSeconds(5);
        SubscriberStatusDto status;
        do
        {
            await Task.Delay(100);
            status = (await http.GetFromJsonAsync<ListResponse<SubscriberStatusDto>>("/api/v1/admin/subscribers"))!.Items.Single(s => s.Name == "testhost-file");
        }
        while (status.Lag > 0 && DateTime.UtcNow < quiet);
        Assert.Equal(0, status.Lag);
        try { File.Delete(log); } catch (IOException) { }
    }
}

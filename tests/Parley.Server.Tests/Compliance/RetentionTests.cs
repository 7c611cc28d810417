using System.Net;
using System.Net.Http.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Compliance;

/// <summary>
/// Retention and legal hold: a purge removes exactly what is due under the narrowest policy, leaves what is held, and
/// changes nothing else; clients get tombstones; policies, holds and runs are audited.
/// </summary>
public class RetentionTests : IAsyncLifetime
{
    private TestServer _server = null!;

    // The schedule stays off: the tests run the purge themselves, so the accounting is exact.
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Compliance:Retention:Interval"] = "00:00:00" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Moves messages back in time, as if they had been sent that many days ago.</summary>
    private async Task AgeAsync(int days, params MessageDto[] messages)
    {
        await using var c = await _server.Database.OpenDirectAsync();
        await c.ExecuteAsync(TestDatabase.IsPostgres ? "UPDATE messages SET created_at = created_at - @ms WHERE id = ANY(@ids)" : "UPDATE messages SET created_at = created_at - @ms WHERE id IN @ids",
            new { ms = days * 86_400_000L, ids = messages.Select(m => m.Id).ToArray() });
    }

    private static Task<HttpResponseMessage> Put(Session s, string scope, int? days) =>
        s.Http.PutAsJsonAsync($"/api/v1/compliance/retention/{scope}", new SetRetentionPolicyRequest(days));

    [Fact]
    public async Task Purge_RemovesWhatIsDue_KeepsWhatIsHeldOrKeptLonger_AndChangesNothingElse()
    {
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var team = await alice.CreateAsync(ConversationKinds.Group, "team", bob.Id, carol.Id);
        var matter = await alice.CreateAsync(ConversationKinds.Group, "matter", bob.Id);
        var board = await alice.CreateAsync(ConversationKinds.Group, "board", bob.Id);
        var direct = await alice.CreateAsync(ConversationKinds.Direct, null, bob.Id);

        var file = await alice.UploadAsync(FileClient.RandomBytes(2048, seed: 3), "old-report.bin");
        var oldWithFile = await alice.SendFilesAsync(team.Id, "old with a file", file.Id);
        var oldEdited = await bob.SendAsync(team.Id, "old draft");
        await bob.Ok<MessageDto>(bob.Http.PatchAsJsonAsync($"/api/v1/messages/{oldEdited.Id}", new EditMessageRequest("old final")));
        var oldDeleted = await bob.SendAsync(team.Id, "old and deleted");
        using (var res = await bob.Http.DeleteAsync($"/api/v1/messages/{oldDeleted.Id}")) Assert.True(res.IsSuccessStatusCode);
        var oldHeldSender = await carol.SendAsync(team.Id, "carol's old words");
        var recent = await alice.SendAsync(team.Id, "recent");
        var oldInHeldConversation = await alice.SendAsync(matter.Id, "old evidence");
        var oldInLongerKept = await alice.SendAsync(board.Id, "old board minutes");
        var oldDirect = await alice.SendAsync(direct.Id, "old direct words");
        await AgeAsync(40, oldWithFile, oldEdited, oldDeleted, oldHeldSender, oldInHeldConversation, oldInLongerKept, oldDirect);
        var teamBefore = await alice.ConversationAsync(team.Id);

        // Global 30 days; direct messages kept forever; the board's conversation a year; carol and "matter" on hold.
        await officer.Ok<RetentionPolicyDto>(Put(officer, "global", 30));
        await officer.Ok<RetentionPolicyDto>(Put(officer, "kind:direct", null));
        await officer.Ok<RetentionPolicyDto>(Put(officer, $"conversation:{board.Id}", 365));
        var carolHold = await officer.Ok<LegalHoldDto>(officer.Http.PostAsJsonAsync("/api/v1/compliance/holds", new PlaceLegalHoldRequest("user", carol.Id, "Case 2026-17")));
        var matterHold = await officer.Ok<LegalHoldDto>(officer.Http.PostAsJsonAsync("/api/v1/compliance/holds", new PlaceLegalHoldRequest("conversation", matter.Id, "Case 2026-17")));
        Assert.Equal((carol.User.Username, "matter"), (carolHold.TargetName, matterHold.TargetName));

        var run = await officer.Ok<RetentionRunDto>(officer.Http.PostAsync("/api/v1/compliance/retention/run", null));
        Assert.Equal((3, 1, 1, 1, true, "manual"), (run.Messages, run.Files, run.Conversations, run.HeldConversations, run.Complete, run.Trigger));

        // Due and gone: text, history and file; shown to members as deleted. Kept: the held sender, the recent one.
        var team1 = (await bob.MessagesAsync(team.Id)).ToDictionary(m => m.Id);
        foreach (var gone in new[] { oldWithFile, oldEdited, oldDeleted })
        {
            Assert.Equal("", team1[gone.Id].Text);
            Assert.NotNull(team1[gone.Id].DeletedAt);
            Assert.Empty(team1[gone.Id].Files ?? []);
        }
        Assert.Equal(("carol's old words", "recent"), (team1[oldHeldSender.Id].Text, team1[recent.Id].Text));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Http.GetAsync($"/api/v1/files/{file.Id}")).StatusCode);
        Assert.Equal(["old evidence"], (await bob.MessagesAsync(matter.Id)).Select(m => m.Text));
        Assert.Equal(["old board minutes"], (await bob.MessagesAsync(board.Id)).Select(m => m.Text));
        Assert.Equal(["old direct words"], (await bob.MessagesAsync(direct.Id)).Select(m => m.Text));

        // Compliance users keep no earlier version of a purged message either; the log shows the server's tombstones.
        // On PostgreSQL the archive shows an event once every older transaction on the database server has ended, and
        // other tests share that server (see ArchiveApiTests): the purge's tombstones may need a moment to appear.
        List<ArchiveEventDto> mine;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var archive = await officer.Ok<ArchivePage>(officer.Http.GetAsync("/api/v1/compliance/archive?limit=1000"));
            mine = [.. archive.Items.Where(e => e.ConversationId == team.Id)];
            if (mine.Count(e => e.Type == EventTypes.MessageDeleted && e.ActorId == 0) >= 2 || DateTime.UtcNow > deadline) break;
            await Task.Delay(200);
        }
        Assert.All(mine.Where(e => e.MessageId == oldEdited.Id || e.MessageId == oldDeleted.Id), e => Assert.Empty(e.Message!.History));
        Assert.Equal([oldWithFile.Id, oldEdited.Id], mine.Where(e => e.Type == EventTypes.MessageDeleted && e.ActorId == 0).Select(e => e.MessageId!.Value));

        // The purge did not make the conversation look active; a second run finds nothing more.
        var teamAfter = await alice.ConversationAsync(team.Id);
        Assert.Equal(teamBefore.LastActivityAt, teamAfter.LastActivityAt);
        var again = await officer.Ok<RetentionRunDto>(officer.Http.PostAsync("/api/v1/compliance/retention/run", null));
        Assert.Equal((0, 0), (again.Messages, again.Files));

        // Released holds no longer protect: the next run takes what was held.
        await officer.Ok<LegalHoldDto>(officer.Http.PostAsync($"/api/v1/compliance/holds/{carolHold.Id}/release", null));
        await officer.Ok<LegalHoldDto>(officer.Http.PostAsync($"/api/v1/compliance/holds/{matterHold.Id}/release", null));
        var released = await officer.Ok<RetentionRunDto>(officer.Http.PostAsync("/api/v1/compliance/retention/run", null));
        Assert.Equal((2, 0), (released.Messages, released.HeldConversations));
        Assert.Equal([""], (await bob.MessagesAsync(matter.Id)).Select(m => m.Text));

        // What the state and the audit log say.
        var state = await officer.Ok<RetentionStateDto>(officer.Http.GetAsync("/api/v1/compliance/retention"));
        Assert.Equal([($"conversation:{board.Id}", (int?)365), ("global", 30), ("kind:direct", null)], state.Policies.Select(p => (p.Scope, p.Days)));
        Assert.Equal(2, state.LastRun?.Messages);
        Assert.Equal("board", state.Policies[0].ConversationName);
        var admin = await _server.AdminAsync();
        var audit = await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?limit=200"));
        var actions = audit.Items.Select(e => e.Action).ToList();
        Assert.Equal(3, actions.Count(a => a == "retention.purged"));
        Assert.Equal(3, actions.Count(a => a == "retention.policy_changed"));
        Assert.Equal(2, actions.Count(a => a == "legal_hold.placed"));
        Assert.Equal(2, actions.Count(a => a == "legal_hold.released"));
    }

    [Fact]
    public async Task Policies_AndHolds_RefuseBadInput_AndAreForComplianceUsersOnly()
    {
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "g", (await _server.UserAsync()).Id);
        foreach (var (scope, days) in new (string, int?)[] { ("everything", 30), ("kind:robot", 30), ("conversation:x", 30), ("global", 0), ("global", 40_000), ("conversation:0", 5) })
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await officer.StatusAsync(Put(officer, scope, days)));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.StatusAsync(Put(officer, "conversation:999999", 30))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.StatusAsync(officer.Http.DeleteAsync("/api/v1/compliance/retention/global"))).Status);

        foreach (var bad in new[] { new PlaceLegalHoldRequest("team", 1, "r"), new PlaceLegalHoldRequest("user", 0, "r"), new PlaceLegalHoldRequest("user", alice.Id, " ") })
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await officer.StatusAsync(officer.Http.PostAsJsonAsync("/api/v1/compliance/holds", bad)));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.StatusAsync(officer.Http.PostAsJsonAsync("/api/v1/compliance/holds", new PlaceLegalHoldRequest("user", 999_999, "r")))).Status);
        var hold = await officer.Ok<LegalHoldDto>(officer.Http.PostAsJsonAsync("/api/v1/compliance/holds", new PlaceLegalHoldRequest("conversation", group.Id, "Matter A")));
        Assert.Equal(HttpStatusCode.Conflict, (await officer.StatusAsync(officer.Http.PostAsJsonAsync("/api/v1/compliance/holds", new PlaceLegalHoldRequest("conversation", group.Id, "again")))).Status);
        await officer.Ok<LegalHoldDto>(officer.Http.PostAsync($"/api/v1/compliance/holds/{hold.Id}/release", null));
        Assert.Equal(HttpStatusCode.Conflict, (await officer.StatusAsync(officer.Http.PostAsync($"/api/v1/compliance/holds/{hold.Id}/release", null))).Status);
        var active = await officer.Ok<ListResponse<LegalHoldDto>>(officer.Http.GetAsync("/api/v1/compliance/holds?active=true"));
        Assert.DoesNotContain(active.Items, h => h.Id == hold.Id);
        var all = await officer.Ok<ListResponse<LegalHoldDto>>(officer.Http.GetAsync("/api/v1/compliance/holds"));
        Assert.NotNull(all.Items.Single(h => h.Id == hold.Id).ReleasedAt);

        // A member cannot read or change any of it, nor run a purge.
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Http.GetAsync("/api/v1/compliance/retention")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Put(alice, "global", 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Http.PostAsync("/api/v1/compliance/retention/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Http.PostAsJsonAsync("/api/v1/compliance/holds", new PlaceLegalHoldRequest("user", alice.Id, "r"))).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Features.Moderation;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Operations;

namespace Parley.Server.Tests.Moderation;

/// <summary>
/// How often a node compiles its sensitive-word rules, counted by <c>parley_moderation_rule_compilations_total</c>, on
/// both providers. Compiling 10,000 rules costs tens of milliseconds of CPU and a few megabytes of garbage; it used to
/// happen twice per change made on a node (once on the next text, once more when the node's log reader saw its own
/// change), each time on a message's path.
/// </summary>
public class RuleCompilationTests : IAsyncLifetime
{
    private const string Compilations = "parley_moderation_rule_compilations_total";

    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<double> CompilationsAsync()
    {
        using var anon = _server.Client();
        var metrics = new MetricsText(await anon.GetStringAsync("/metrics"));
        var value = metrics.Value(Compilations);
        return double.IsNaN(value) ? 0 : value;
    }

    [Fact]
    public async Task Import_OfThousandsOfRules_CompilesOnce_BeforeItAnswers_AndNotAgainWhenTheLogReaderSeesIt()
    {
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var admin = await _server.AdminAsync();
        var alice = await _server.UserAsync();
        var guest = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "imports", guest.Id);
        await alice.SendAsync(group.Id, "first text: the rules are compiled on first use");
        var before = await CompilationsAsync();

        var words = Enumerable.Range(0, 3000).Select(i => "词" + (char)(0x4E00 + i) + (char)(0x5E00 + i % 500)).ToList();
        var imported = await officer.Ok<ImportModerationRulesResult>(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules/import",
            new ImportModerationRulesRequest(string.Join('\n', words), ModerationActions.Mask)));
        Assert.Equal(words.Select(TextFolding.Fold).Distinct().Count(), imported.Added); // a few fold together (traditional → simplified)
        Assert.True(await CompilationsAsync() - before == 1, "an import of 3,000 rules must compile the rules exactly once, before the import answers");

        // The new rules are in force at once, and texts screened afterwards reuse the compiled snapshot.
        Assert.Equal("a ***", (await alice.SendAsync(group.Id, "a " + words[1234])).Text);
        for (var i = 0; i < 5; i++) await alice.SendAsync(group.Id, "hello " + i);

        // A change made elsewhere reaches the rules only through the system log. The log reader reads in order, so once
        // it has compiled for this change it has also read the import's event before it: that one must not compile again.
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{guest.Id}", new UpdateUserRequest(null, null, null, IsExternal: true)));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CompilationsAsync() - before < 2 && DateTime.UtcNow < deadline)
        {
            await alice.SendAsync(group.Id, "waiting for the log reader");
            await Task.Delay(200);
        }
        for (var i = 0; i < 5; i++) await guest.SendAsync(group.Id, "hello again " + i);
        Assert.True(await CompilationsAsync() - before == 2,
            $"the import and the external mark must compile once each (got {await CompilationsAsync() - before}): the log reader recompiled for a change this node had compiled already, or texts recompiled");
    }

    [Fact]
    public async Task EveryChangeThroughTheApi_CompilesOnce_AndTakesEffectBeforeItAnswers()
    {
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "changes");
        await alice.SendAsync(group.Id, "warm");
        var before = await CompilationsAsync();

        var rule = await officer.Ok<ModerationRuleDto>(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules", new CreateModerationRuleRequest("草稿纸", ModerationActions.Mask)));
        Assert.Equal("***!", (await alice.SendAsync(group.Id, "草稿纸!")).Text);
        await officer.Ok<ModerationExemptionsDto>(officer.Http.PutAsJsonAsync("/api/v1/moderation/exemptions", new SetModerationExemptionsRequest([alice.Id], [])));
        Assert.Equal("草稿纸!", (await alice.SendAsync(group.Id, "草稿纸!")).Text);
        await officer.Ok<ModerationExemptionsDto>(officer.Http.PutAsJsonAsync("/api/v1/moderation/exemptions", new SetModerationExemptionsRequest([], [])));
        using (var deleted = await officer.Http.DeleteAsync($"/api/v1/moderation/rules/{rule.Id}")) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("草稿纸!", (await alice.SendAsync(group.Id, "草稿纸!")).Text);

        // Give the log reader time to see the four events; it must skip every one of them.
        await Task.Delay(1500);
        await alice.SendAsync(group.Id, "after");
        Assert.True(await CompilationsAsync() - before == 4, $"four changes (add, exempt, un-exempt, delete) must compile four times, got {await CompilationsAsync() - before}");
    }
}

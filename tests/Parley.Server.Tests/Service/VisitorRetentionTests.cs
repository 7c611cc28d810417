using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Service;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;
using static Parley.Server.Tests.Service.ServiceFixture;

namespace Parley.Server.Tests.Service;

/// <summary>
/// Retention of visitor users (Parley:Service:VisitorRetentionDays = 30 here): the run erases visitors whose service
/// conversations all closed longer ago (and old visitors with none) through the personal-data erasure, keeps the rest
/// and anyone under a legal hold, and audits the count. Ages are set by moving the rows' timestamps back.
/// </summary>
public sealed class VisitorRetentionTests : IAsyncLifetime
{
    private const long Day = 86_400_000L;
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Service:SessionsPerMinutePerAddress"] = "1000",
        ["Parley:Service:VisitorRetentionDays"] = "30",
        ["Parley:Service:VisitorRetentionInterval"] = "1.00:00:00", // the test runs it itself
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task AgeAsync(VisitorSessionDto visit, int days, bool alsoConversation)
    {
        await using var c = await _server.Services.GetRequiredService<Database>().OpenAsync();
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - days * Day;
        await c.ExecuteAsync("UPDATE users SET created_at = @at WHERE id = @id", new { at = at - Day, id = visit.UserId });
        if (alsoConversation)
            await c.ExecuteAsync("UPDATE service_conversations SET created_at = @at, closed_at = CASE WHEN closed_at IS NULL THEN NULL ELSE @at END WHERE conversation_id = @id",
                new { at, id = visit.ConversationId });
    }

    private async Task<(string Username, long? ErasedAt, string VisitorName, string? Page)> StateAsync(VisitorSessionDto visit)
    {
        await using var c = await _server.Services.GetRequiredService<Database>().OpenAsync();
        return await c.QuerySingleAsync<(string, long?, string, string?)>("""
            SELECT u.username, u.erased_at, s.visitor_name, s.page FROM users u JOIN service_conversations s ON s.visitor_user_id = u.id
            WHERE u.id = @id AND s.conversation_id = @conversationId
            """, new { id = visit.UserId, conversationId = visit.ConversationId });
    }

    [Fact]
    public async Task Run_ErasesVisitorsClosedLongerThanTheRetention_KeepsRecentOpenAndHeldOnes_AuditsTheCount()
    {
        var admin = await _server.AdminAsync();
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        async Task<VisitorSessionDto> ClosedAsync(string name)
        {
            var visit = await VisitAsync(_server, widget.Id, name);
            await ann.Ok<ServiceConversationDto>(ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{visit.ConversationId}/close", new CloseServiceConversationRequest(null)));
            return visit;
        }
        var old = await ClosedAsync("Old Olga");
        await AgeAsync(old, 40, alsoConversation: true);
        var recent = await ClosedAsync("Recent Rita");
        await AgeAsync(recent, 10, alsoConversation: true);
        var open = await VisitAsync(_server, widget.Id, "Open Otto"); // still waiting, although the visitor is old
        await AgeAsync(open, 40, alsoConversation: true);
        var held = await ClosedAsync("Held Hans");
        await AgeAsync(held, 40, alsoConversation: true);
        await admin.Ok<LegalHoldDto>(admin.Http.PostAsJsonAsync("/api/v1/compliance/holds", new PlaceLegalHoldRequest("user", held.UserId, "Case 18")));
        // A visitor whose service conversation row is gone (its only trace is the user) is aged by its creation alone.
        var orphan = await VisitAsync(_server, widget.Id, "Orphan Oskar");
        await using (var c = await _server.Services.GetRequiredService<Database>().OpenAsync())
            await c.ExecuteAsync("DELETE FROM service_conversations WHERE conversation_id = @id", new { id = orphan.ConversationId });
        await AgeAsync(orphan, 40, alsoConversation: false);

        var run = await _server.Services.GetRequiredService<VisitorRetention>().RunAsync(CancellationToken.None);
        Assert.Equal(new VisitorRetention.Run(2, 0), run);

        var erased = await StateAsync(old);
        Assert.True(erased.ErasedAt is not null && erased.Username.StartsWith("deleted-user-", StringComparison.Ordinal),
            $"the visitor closed 40 days ago must be erased: {erased}");
        Assert.True(erased.VisitorName == "Deleted user" && erased.Page is null, $"the service conversation must forget the visitor: {erased}");
        foreach (var (kept, why) in new[] { (recent, "closed 10 days ago"), (open, "still open"), (held, "under legal hold") })
        {
            var state = await StateAsync(kept);
            Assert.True(state.ErasedAt is null && state.Page is not null, $"a visitor {why} must be kept: {state}");
        }
        await using (var c = await _server.Services.GetRequiredService<Database>().OpenAsync())
            Assert.NotNull(await c.ExecuteScalarAsync<long?>("SELECT erased_at FROM users WHERE id = @id", new { id = orphan.UserId }));
        Assert.Equal(ann.User.DisplayName, (await ann.Ok<UserDto>(ann.Http.GetAsync($"/api/v1/users/{ann.Id}"))).DisplayName); // agents are no visitors

        var audit = (await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=service.visitors_erased"))).Items;
        Assert.Equal(2, Assert.Single(audit).Details!.Value.GetProperty("erased").GetInt32());
        Assert.Equal(2, (await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=personal_data.erased"))).Items.Count);

        // Nothing is due any more: a second run erases nobody and writes no entry.
        Assert.Equal(new VisitorRetention.Run(0, 0), await _server.Services.GetRequiredService<VisitorRetention>().RunAsync(CancellationToken.None));
        Assert.Single((await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=service.visitors_erased"))).Items);
    }
}

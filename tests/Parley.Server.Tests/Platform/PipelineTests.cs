using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Platform;

/// <summary>
/// The text pipeline and the message write steps, proved with a throwaway filter and a throwaway step registered
/// through the public seams only (no product filter is committed for this).
/// </summary>
public class PipelineTests : IAsyncLifetime
{
    /// <summary>Rejects "forbidden-word", masks "rude" as "****", flags "suspicious".</summary>
    private sealed class ThrowawayFilter : ITextFilter
    {
        public int Order => 10;
        public string Name => "throwaway";
        public bool Applies(TextKind kind) => kind is not TextKind.DisplayName;

        public ValueTask<TextVerdict> CheckAsync(TextCandidate candidate, CancellationToken cancellationToken) => ValueTask.FromResult(
            candidate.Text.Contains("forbidden-word", StringComparison.Ordinal) ? TextVerdict.Reject("test_word_refused", "That word is refused here.")
            : candidate.Text.Contains("rude", StringComparison.Ordinal) ? TextVerdict.Rewrite(candidate.Text.Replace("rude", "****", StringComparison.Ordinal))
            : candidate.Text.Contains("suspicious", StringComparison.Ordinal) ? TextVerdict.Flag("looks suspicious")
            : TextVerdict.Accept);
    }

    /// <summary>Writes a row per message into its own table inside the write, and fails the write for "explode".</summary>
    private sealed class ThrowawayStep : IMessageWriteStep
    {
        public int Order => 500;

        public void AfterInsert(WriteContext w, MessageDraft draft)
        {
            w.Connection.Execute("CREATE TABLE IF NOT EXISTS test_step_log(message_id BIGINT NOT NULL)", transaction: w.Transaction);
            w.Connection.Execute("INSERT INTO test_step_log(message_id) VALUES (@id)", new { id = draft.Id }, w.Transaction);
            if (draft.Text.Contains("explode", StringComparison.Ordinal)) throw ParleyException.Invalid("text", "the throwaway step refused it");
        }
    }

    private TestServer _server = null!;
    private readonly RecordingSubscriber _system = new("pipeline-flags", EventStreams.System);

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(null, configure: b => b.Services
        .AddTextFilter<ThrowawayFilter>().AddMessageWriteStep<ThrowawayStep>().AddSingleton<IEventSubscriber>(_system));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Filter_Rejects_Rewrites_AndFlags_OnSendEditAndNames()
    {
        var alice = await _server.UserAsync("alice");
        var group = await alice.CreateAsync(ConversationKinds.Group, "rude name");
        Assert.Equal("**** name", group.Name);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "test_word_refused"),
            await alice.StatusAsync(alice.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("a forbidden-word here", null, null, null))));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "test_word_refused"),
            await alice.StatusAsync(alice.Http.PatchAsJsonAsync($"/api/v1/conversations/{group.Id}", new UpdateConversationRequest(null, "forbidden-word", null, null))));

        var masked = await alice.SendAsync(group.Id, "that was rude");
        Assert.Equal("that was ****", masked.Text);
        var edited = await alice.Ok<MessageDto>(alice.Http.PatchAsJsonAsync($"/api/v1/messages/{masked.Id}", new EditMessageRequest("still rude")));
        Assert.Equal("still ****", edited.Text);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "test_word_refused"),
            await alice.StatusAsync(alice.Http.PatchAsJsonAsync($"/api/v1/messages/{masked.Id}", new EditMessageRequest("forbidden-word"))));

        var flagged = await alice.SendAsync(group.Id, "a suspicious offer");
        Assert.Equal("a suspicious offer", flagged.Text);
        var flag = (await _system.WaitForAsync(s => s.Any(e => e.Type == SystemEventTypes.ContentFlagged), "content.flagged"))
            .Single(e => e.Type == SystemEventTypes.ContentFlagged);
        Assert.Equal((alice.Id, group.Id), (flag.TargetId, flag.ConversationId));
        Assert.Contains($"\"messageId\":{flagged.Id}", flag.Data, StringComparison.Ordinal);
        Assert.Contains("looks suspicious", flag.Data, StringComparison.Ordinal);

        // Nothing refused was stored.
        Assert.Equal(["still ****", "a suspicious offer"], (await alice.MessagesAsync(group.Id)).Select(m => m.Text));
    }

    [Fact]
    public async Task WriteStep_RunsInTheMessagesTransaction_AndItsFailureRollsTheMessageBack()
    {
        var alice = await _server.UserAsync("carol");
        var group = await alice.CreateAsync(ConversationKinds.Group, "steps");
        var kept = await alice.SendAsync(group.Id, "fine");
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await alice.StatusAsync(alice.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("explode", null, null, null))));
        var again = await alice.SendAsync(group.Id, "after");

        await using var c = await _server.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal([kept.Id, again.Id], await c.QueryAsync<long>("SELECT message_id FROM test_step_log ORDER BY message_id"));
        Assert.Equal([kept.Seq, kept.Seq + 1], (await alice.MessagesAsync(group.Id)).Select(m => m.Seq)); // no seq was burnt by the rolled-back send
    }

    [Fact]
    public async Task BidiControls_AreRemovedFromMessagesNamesAndDisplayNames()
    {
        var admin = await _server.AdminAsync();
        var dave = await _server.UserAsync("dave");
        var group = await dave.CreateAsync(ConversationKinds.Group, "invoice\u202Efdp.exe");
        Assert.Equal("invoicefdp.exe", group.Name);
        var m = await dave.SendAsync(group.Id, "see \u2066attached\u2069 \u202Dnow\u202C, שלום stays");
        Assert.Equal("see attached now, שלום stays", m.Text);
        var renamed = await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{dave.Id}", new UpdateUserRequest("Dave\u202E nimda", null, null)));
        Assert.Equal("Dave nimda", renamed.DisplayName);
    }
}

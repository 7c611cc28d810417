using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Assistant;

/// <summary>A message as the assistant shows it to the model: who wrote what.</summary>
public sealed record AssistantMessage(long Seq, string Sender, string Text);

/// <summary>SQL for the assistant: the consent rows and the readable messages it summarises.</summary>
public sealed class AssistantStore(Database database)
{
    public async Task<bool> ConsentAsync(long conversationId)
    {
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM assistant_consents WHERE conversation_id = @conversationId", new { conversationId }) > 0;
    }

    public static void SetConsent(WriteContext w, long conversationId, bool consent, long? by)
    {
        if (consent)
            w.Connection.Execute(
                "INSERT INTO assistant_consents(conversation_id, granted_by, granted_at) VALUES (@conversationId, @by, @now) ON CONFLICT (conversation_id) DO NOTHING",
                new { conversationId, by, now = w.NowMs }, w.Transaction);
        else
            w.Connection.Execute("DELETE FROM assistant_consents WHERE conversation_id = @conversationId", new { conversationId }, w.Transaction);
    }

    /// <summary>
    /// The newest <paramref name="limit"/> visible messages after <paramref name="afterSeq"/>, oldest first: in the main
    /// timeline, or in one thread (its root and replies). Deleted, recalled and purged messages are left out.
    /// </summary>
    public async Task<IReadOnlyList<AssistantMessage>> MessagesAsync(long conversationId, long afterSeq, long? threadRootId, int limit)
    {
        await using var c = await database.OpenAsync();
        var thread = threadRootId is null ? "m.thread_root_id IS NULL" : "(m.thread_root_id = @threadRootId OR m.id = @threadRootId)";
        var rows = (await c.QueryAsync<AssistantMessage>(
            $"""
            SELECT m.seq, u.display_name AS Sender, m.text FROM messages m JOIN users u ON u.id = m.sender_id
            WHERE m.conversation_id = @conversationId AND m.seq > @afterSeq AND {thread}
              AND m.deleted_at IS NULL AND m.recalled_at IS NULL AND m.purged_at IS NULL AND m.text <> ''
            ORDER BY m.seq DESC LIMIT @limit
            """, new { conversationId, afterSeq, threadRootId, limit })).AsList();
        rows.Reverse();
        return rows;
    }
}

using System.Globalization;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Messages;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance;

/// <summary>
/// The archive API (会话存档): every event of every conversation in log order, with each message's current text and
/// every earlier one, for an authorized compliance application that pulls with a cursor. The cursor is a log
/// position (<see cref="EventReader"/>: on PostgreSQL only what can no longer be overtaken is returned), so resuming
/// after a restart of either side neither skips nor repeats.
/// </summary>
public sealed class ArchiveService(EventReader reader, Database database)
{
    public async Task<ArchivePage> PageAsync(string? after, int? limit, CancellationToken cancellationToken)
    {
        var position = ParseCursor(after);
        var events = await reader.ReadAsync(EventStreams.Conversations, position, Paging.Limit(limit, 1000), cancellationToken);
        if (events.Count == 0) return new ArchivePage([], after);
        var messageIds = events.Where(e => e.MessageId is not null).Select(e => e.MessageId!.Value).Distinct().ToList();
        var messages = await MessagesAsync(messageIds);
        var items = events.Select(e => new ArchiveEventDto(e.Id, e.At, e.Type, e.ConversationId ?? 0, e.Seq ?? 0, e.ActorId, e.MessageId, e.Data,
            e.MessageId is { } m && messages.TryGetValue(m, out var message) ? message : null)).ToList();
        return new ArchivePage(items, FormatCursor(events[^1].Position));
    }

    internal async Task<Dictionary<long, ArchivedMessageDto>> MessagesAsync(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0) return [];
        await using var c = await database.OpenAsync();
        var rows = await c.QueryAsync<MessageRecord>($"SELECT {MessageStore.Columns} FROM messages m WHERE {Sql.In(c, "m.id", "ids")}", new { ids = Sql.List(c, ids) });
        var versions = (await c.QueryAsync<(long MessageId, string Text, string Reason, long? ActorId, long CreatedAt)>(
                $"SELECT message_id, text, reason, actor_id, created_at FROM message_versions WHERE {Sql.In(c, "message_id", "ids")} ORDER BY id",
                new { ids = Sql.List(c, ids) }))
            .ToLookup(v => v.MessageId, v => new MessageVersionDto(v.Text, v.Reason, v.ActorId, UnixMs.To(v.CreatedAt)));
        var files = (await c.QueryAsync<(long MessageId, long Id)>(
                $"SELECT message_id, id FROM files WHERE {Sql.In(c, "message_id", "ids")} ORDER BY position, id", new { ids = Sql.List(c, ids) }))
            .ToLookup(f => f.MessageId, f => f.Id);
        return rows.ToDictionary(m => m.Id, m => new ArchivedMessageDto(m.Id, m.SenderId, m.Text, m.ThreadRootId, UnixMs.To(m.CreatedAt),
            UnixMs.To(m.EditedAt), UnixMs.To(m.DeletedAt), UnixMs.To(m.RecalledAt), [.. files[m.Id]], [.. versions[m.Id]]));
    }

    /// <summary>"&lt;tx&gt;-&lt;id&gt;" (tx is 0 on SQLite); empty or absent: the beginning of the log.</summary>
    public static LogPosition ParseCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return default;
        var parts = cursor.Split('-');
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var tx)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new LogPosition(tx, id)
            : throw ParleyException.Invalid("after", "after must be a cursor returned as next by an earlier page.");
    }

    public static string FormatCursor(LogPosition p) => string.Create(CultureInfo.InvariantCulture, $"{p.Tx}-{p.Id}");
}

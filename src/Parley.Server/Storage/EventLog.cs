using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Storage;

/// <summary>
/// The per-conversation append-only log (DESIGN.md §3). Every logged change takes the conversation's next
/// seq inside the writer's transaction, so seqs are gap-free and ordered by commit.
/// </summary>
public static class EventLog
{
    public readonly record struct Appended(long Seq, long EventId);

    public static Appended Append(WriteContext w, long conversationId, string type, long actorId, long? messageId, object? data, bool touchActivity = true) =>
        Record(w, conversationId, NextSeq(w, conversationId, touchActivity), type, actorId, messageId, data);

    /// <summary>Takes the conversation's next seq; the caller must <see cref="Record"/> the event in the same operation. <paramref name="touchActivity"/> false leaves its activity time alone (server housekeeping such as retention).</summary>
    public static long NextSeq(WriteContext w, long conversationId, bool touchActivity = true) =>
        w.Connection.ExecuteScalar<long>(
            touchActivity
                ? "UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = @now WHERE id = @conversationId RETURNING last_seq"
                : "UPDATE conversations SET last_seq = last_seq + 1 WHERE id = @conversationId RETURNING last_seq",
            new { conversationId, now = w.NowMs }, w.Transaction);

    public static Appended Record(WriteContext w, long conversationId, long seq, string type, long actorId, long? messageId, object? data)
    {
        var json = data is null ? null : JsonSerializer.Serialize(data, JsonDefaults.Options);
        var eventId = w.Connection.ExecuteScalar<long>(
            "INSERT INTO events(conversation_id, seq, type, actor_id, message_id, data, created_at) VALUES (@conversationId, @seq, @type, @actorId, @messageId, @json, @now) RETURNING id",
            new { conversationId, seq, type, actorId, messageId, json, now = w.NowMs }, w.Transaction);
        w.Connection.Execute("UPDATE conversations SET last_event_id = @eventId WHERE id = @conversationId",
            new { conversationId, eventId }, w.Transaction);
        return new Appended(seq, eventId);
    }

    /// <summary>Appends and queues the envelope for publication after commit.</summary>
    public static Appended AppendAndPublish(WriteContext w, long conversationId, string type, long actorId, long? messageId, object? data)
    {
        var appended = Append(w, conversationId, type, actorId, messageId, data);
        w.Publish(new EventDto(type, conversationId, appended.Seq, data, UnixMs.To(w.NowMs)));
        return appended;
    }
}

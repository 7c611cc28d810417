using System.Text.Json;
using Dapper;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Platform.SystemLog;

/// <summary>
/// Appends to the system stream (<c>system_events</c>) inside the writer's transaction: the event commits with the
/// change or not at all. Durable subscribers read it (<see cref="Subscribers.EventStreams.System"/>).
/// </summary>
public static class SystemLog
{
    public static long Append(WriteContext w, Actor actor, string type, long? targetId, object? data = null, long? conversationId = null)
    {
        var json = data is null ? null : JsonSerializer.Serialize(data, JsonDefaults.Options);
        var address = actor.Address is { Length: > 64 } a ? a[..64] : actor.Address;
        w.WroteSystemEvent = true;
        return w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO system_events(type, actor_id, target_id, conversation_id, address, via, data, created_at)
            VALUES (@type, @actorId, @targetId, @conversationId, @address, @via, @json, @now) RETURNING id
            """,
            new { type, actorId = actor.UserId, targetId, conversationId, address, via = actor.Via, json, now = w.NowMs },
            w.Transaction);
    }
}

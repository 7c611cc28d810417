using System.Data.Common;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Calls;

/// <summary>SQL of calls: <c>calls</c> (one row per call) and <c>call_participants</c> (who was asked, who took part).</summary>
public sealed class CallStore(Database database)
{
    public sealed class CallRow
    {
        public long Id { get; init; }
        public long ConversationId { get; init; }
        public string Media { get; init; } = "";
        public string Topology { get; init; } = "";
        public long StartedBy { get; init; }
        public long StartedAt { get; init; }
        public long? AnsweredAt { get; init; }
        public long? EndedAt { get; init; }
        public string? Outcome { get; init; }
        public int MaxParticipants { get; init; }
        public long RingUntil { get; init; }
        public long? SfuRoomId { get; init; }
        public string? SfuSecret { get; init; }
        public long Revision { get; init; }

        public bool Running => EndedAt is null;
    }

    public sealed class ParticipantRow
    {
        public long CallId { get; init; }
        public long UserId { get; init; }
        public string State { get; init; } = "";
        public long InvitedAt { get; init; }
        public long? JoinedAt { get; init; }
        public long? LeftAt { get; init; }
        public long? SeenAt { get; init; }
        public string? SfuToken { get; init; }

        public CallParticipantDto ToDto() => new(UserId, State, UnixMs.To(JoinedAt), UnixMs.To(LeftAt));
    }

    private const string Call = """
        id, conversation_id AS ConversationId, media, topology, started_by AS StartedBy, started_at AS StartedAt,
        answered_at AS AnsweredAt, ended_at AS EndedAt, outcome, max_participants AS MaxParticipants, ring_until AS RingUntil,
        sfu_room_id AS SfuRoomId, sfu_secret AS SfuSecret, revision
        """;

    private const string Participant = """
        call_id AS CallId, user_id AS UserId, state, invited_at AS InvitedAt, joined_at AS JoinedAt, left_at AS LeftAt,
        seen_at AS SeenAt, sfu_token AS SfuToken
        """;

    public static CallDto ToDto(CallRow c, IEnumerable<ParticipantRow> participants) =>
        new(c.Id, c.ConversationId, c.Media, c.Topology, c.StartedBy, UnixMs.To(c.StartedAt), UnixMs.To(c.AnsweredAt), UnixMs.To(c.EndedAt),
            c.Outcome, c.MaxParticipants, participants.Select(p => p.ToDto()).ToList(), c.Revision);

    // ---- reads beside the writer ----

    public async Task<(CallRow Call, IReadOnlyList<ParticipantRow> Participants)?> FindAsync(long callId)
    {
        await using var c = await database.OpenAsync();
        var call = await c.QuerySingleOrDefaultAsync<CallRow>($"SELECT {Call} FROM calls WHERE id = @callId", new { callId });
        if (call is null) return null;
        return (call, await ParticipantsAsync(c, callId));
    }

    /// <summary>Running calls in conversations the user is an active member of.</summary>
    public async Task<IReadOnlyList<CallDto>> RunningForUserAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        var calls = (await c.QueryAsync<CallRow>(
            $"""
            SELECT {Call} FROM calls
            WHERE ended_at IS NULL AND conversation_id IN (SELECT conversation_id FROM members WHERE user_id = @userId AND active = 1)
            ORDER BY id LIMIT 100
            """, new { userId })).AsList();
        var result = new List<CallDto>(calls.Count);
        foreach (var call in calls) result.Add(ToDto(call, await ParticipantsAsync(c, call.Id)));
        return result;
    }

    /// <summary>The conversation's latest calls, newest first (the call records in the message list).</summary>
    public async Task<IReadOnlyList<CallDto>> RecentAsync(long conversationId, int limit)
    {
        await using var c = await database.OpenAsync();
        var calls = (await c.QueryAsync<CallRow>($"SELECT {Call} FROM calls WHERE conversation_id = @conversationId ORDER BY id DESC LIMIT @limit", new { conversationId, limit })).AsList();
        var result = new List<CallDto>(calls.Count);
        foreach (var call in calls) result.Add(ToDto(call, await ParticipantsAsync(c, call.Id)));
        return result;
    }

    /// <summary>Running calls with work for the sweep: rings past their time, or joined participants silent since <paramref name="silentBefore"/>.</summary>
    public async Task<IReadOnlyList<long>> SweepDueAsync(long now, long silentBefore)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<long>(
            """
            SELECT DISTINCT k.id FROM calls k JOIN call_participants p ON p.call_id = k.id
            WHERE k.ended_at IS NULL
              AND ((p.state = 'ringing' AND k.ring_until <= @now) OR (p.state = 'joined' AND p.seen_at < @silentBefore))
            ORDER BY k.id LIMIT 100
            """, new { now, silentBefore })).AsList();
    }

    private static async Task<IReadOnlyList<ParticipantRow>> ParticipantsAsync(DbConnection c, long callId) =>
        (await c.QueryAsync<ParticipantRow>($"SELECT {Participant} FROM call_participants WHERE call_id = @callId ORDER BY invited_at, user_id", new { callId })).AsList();

    // ---- writes (inside the group-commit transaction) ----

    /// <summary>One more change of the call's state (<see cref="CallDto.Revision"/>).</summary>
    public static void Bump(WriteContext w, long callId) =>
        w.Connection.Execute("UPDATE calls SET revision = revision + 1 WHERE id = @callId", new { callId }, w.Transaction);

    public static CallRow? Find(WriteContext w, long callId) =>
        w.Connection.QuerySingleOrDefault<CallRow>($"SELECT {Call} FROM calls WHERE id = @callId", new { callId }, w.Transaction);

    public static CallRow? Running(WriteContext w, long conversationId) =>
        w.Connection.QuerySingleOrDefault<CallRow>($"SELECT {Call} FROM calls WHERE conversation_id = @conversationId AND ended_at IS NULL", new { conversationId }, w.Transaction);

    public static IReadOnlyList<long> RunningIn(WriteContext w, long conversationId, long userId) =>
        w.Connection.Query<long>(
            "SELECT k.id FROM calls k JOIN call_participants p ON p.call_id = k.id WHERE k.conversation_id = @conversationId AND k.ended_at IS NULL AND p.user_id = @userId",
            new { conversationId, userId }, w.Transaction).AsList();

    public static IReadOnlyList<ParticipantRow> Participants(WriteContext w, long callId) =>
        w.Connection.Query<ParticipantRow>($"SELECT {Participant} FROM call_participants WHERE call_id = @callId ORDER BY invited_at, user_id", new { callId }, w.Transaction).AsList();

    public static IReadOnlyList<long> ActiveMembers(WriteContext w, long conversationId) =>
        w.Connection.Query<long>("SELECT user_id FROM members WHERE conversation_id = @conversationId AND active = 1 ORDER BY user_id", new { conversationId }, w.Transaction).AsList();

    /// <summary>Which of these users are in another running call now (they get "busy" instead of a ring).</summary>
    public static IReadOnlySet<long> InACall(WriteContext w, IReadOnlyCollection<long> userIds) =>
        userIds.Count == 0 ? new HashSet<long>() :
        w.Connection.Query<long>(
            $"SELECT p.user_id FROM call_participants p JOIN calls k ON k.id = p.call_id WHERE k.ended_at IS NULL AND p.state = 'joined' AND {Sql.In(w.Connection, "p.user_id", "ids")}",
            new { ids = Sql.List(w.Connection, userIds) }, w.Transaction).ToHashSet();

    public static long Insert(WriteContext w, long conversationId, string media, string topology, long startedBy, int maxParticipants, long ringUntil) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO calls(conversation_id, media, topology, started_by, started_at, max_participants, ring_until)
            VALUES (@conversationId, @media, @topology, @startedBy, @now, @maxParticipants, @ringUntil) RETURNING id
            """, new { conversationId, media, topology, startedBy, now = w.NowMs, maxParticipants, ringUntil }, w.Transaction);

    public static void AddParticipant(WriteContext w, long callId, long userId, string state)
    {
        var joined = state == CallParticipantStates.Joined ? w.NowMs : (long?)null;
        w.Connection.Execute(
            """
            INSERT INTO call_participants(call_id, user_id, state, invited_at, joined_at, seen_at) VALUES (@callId, @userId, @state, @now, @joined, @joined)
            ON CONFLICT (call_id, user_id) DO UPDATE SET state = excluded.state, joined_at = COALESCE(call_participants.joined_at, excluded.joined_at),
                seen_at = excluded.seen_at, left_at = NULL
            """, new { callId, userId, state, now = w.NowMs, joined }, w.Transaction);
    }

    /// <summary>Moves a participant to <paramref name="state"/> (left, declined, missed); joined ones get left_at.</summary>
    public static void SetState(WriteContext w, long callId, long userId, string state) =>
        w.Connection.Execute(
            "UPDATE call_participants SET state = @state, left_at = CASE WHEN state = 'joined' THEN @now ELSE left_at END WHERE call_id = @callId AND user_id = @userId",
            new { callId, userId, state, now = w.NowMs }, w.Transaction);

    public static bool Seen(WriteContext w, long callId, long userId) =>
        w.Connection.Execute("UPDATE call_participants SET seen_at = @now WHERE call_id = @callId AND user_id = @userId AND state = 'joined'",
            new { callId, userId, now = w.NowMs }, w.Transaction) == 1;

    public static void SetSfuToken(WriteContext w, long callId, long userId, string? token) =>
        w.Connection.Execute("UPDATE call_participants SET sfu_token = @token WHERE call_id = @callId AND user_id = @userId", new { callId, userId, token }, w.Transaction);

    public static void Answered(WriteContext w, long callId) =>
        w.Connection.Execute("UPDATE calls SET answered_at = @now WHERE id = @callId AND answered_at IS NULL", new { callId, now = w.NowMs }, w.Transaction);

    public static void SetSfuRoom(WriteContext w, long callId, long roomId, string secret) =>
        w.Connection.Execute("UPDATE calls SET sfu_room_id = @roomId, sfu_secret = @secret WHERE id = @callId", new { callId, roomId, secret }, w.Transaction);

    /// <summary>Ends a running call (false when it had ended already): joined participants leave, ringing ones missed it.</summary>
    public static bool End(WriteContext w, long callId, string outcome)
    {
        if (w.Connection.Execute("UPDATE calls SET ended_at = @now, outcome = @outcome WHERE id = @callId AND ended_at IS NULL",
                new { callId, outcome, now = w.NowMs }, w.Transaction) == 0) return false;
        w.Connection.Execute(
            "UPDATE call_participants SET state = CASE state WHEN 'joined' THEN 'left' ELSE 'missed' END, left_at = CASE WHEN state = 'joined' THEN @now ELSE left_at END WHERE call_id = @callId AND state IN ('joined', 'ringing')",
            new { callId, now = w.NowMs }, w.Transaction);
        return true;
    }
}

using System.Data.Common;
using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Polls;

/// <summary>The SQL of polls: reads on pooled connections (async), writes inside the writer's transaction (static).</summary>
public sealed class PollStore(Database database)
{
    private const string Columns = """
        p.id, p.message_id AS MessageId, p.conversation_id AS ConversationId, p.kind, p.question, p.multiple, p.anonymous,
        p.created_by AS CreatedBy, p.created_at AS CreatedAt, p.closes_at AS ClosesAt, p.closed_at AS ClosedAt
        """;

    private static string OptionsSql(DbConnection c) =>
        $"SELECT id, poll_id AS PollId, position, text FROM poll_options WHERE {Sql.In(c, "poll_id", "ids")} ORDER BY poll_id, position";

    private static string VotesSql(DbConnection c) =>
        $"SELECT poll_id AS PollId, option_id AS OptionId, user_id AS UserId FROM poll_votes WHERE {Sql.In(c, "poll_id", "ids")} ORDER BY created_at, user_id";

    private static string SignupsSql(DbConnection c) =>
        $"SELECT id, poll_id AS PollId, user_id AS UserId, text, created_at AS CreatedAt, edited_at AS EditedAt FROM poll_signups WHERE {Sql.In(c, "poll_id", "ids")} ORDER BY id";

    public async Task<PollRecord?> FindAsync(long id)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<PollRecord>($"SELECT {Columns} FROM polls p WHERE p.id = @id", new { id });
    }

    /// <summary>The polls carried by these messages, with their options, votes and sign-ups: one query when there are none, four otherwise.</summary>
    public async Task<PollSet> ForMessagesAsync(IReadOnlyCollection<long> messageIds)
    {
        if (messageIds.Count == 0) return PollSet.Empty;
        await using var c = await database.OpenAsync();
        var polls = (await c.QueryAsync<PollRecord>($"SELECT {Columns} FROM polls p WHERE {Sql.In(c, "p.message_id", "ids")}",
            new { ids = Sql.List(c, messageIds) })).AsList();
        return await LoadAsync(c, polls);
    }

    public async Task<PollSet> LoadAsync(PollRecord poll)
    {
        await using var c = await database.OpenAsync();
        return await LoadAsync(c, [poll]);
    }

    private static async Task<PollSet> LoadAsync(DbConnection c, IReadOnlyList<PollRecord> polls)
    {
        if (polls.Count == 0) return PollSet.Empty;
        var args = new { ids = Sql.List(c, polls.Select(p => p.Id)) };
        return new PollSet(polls,
            (await c.QueryAsync<PollOptionRow>(OptionsSql(c), args)).ToLookup(o => o.PollId),
            (await c.QueryAsync<PollVoteRow>(VotesSql(c), args)).ToLookup(v => v.PollId),
            (await c.QueryAsync<PollSignupRow>(SignupsSql(c), args)).ToLookup(s => s.PollId));
    }

    public sealed class MineRow
    {
        public long PollId { get; init; }
        public long MessageId { get; init; }
        public long ConversationId { get; init; }
        public long? OptionId { get; init; }
        public bool SignedUp { get; init; }
    }

    /// <summary>
    /// The caller's votes and sign-ups in these polls, only in conversations where the caller is an active member
    /// (others are left out, as if they did not exist). A poll without a choice of the caller gives one row with no option.
    /// </summary>
    public async Task<IReadOnlyList<MineRow>> MineAsync(long userId, IReadOnlyCollection<long> pollIds)
    {
        if (pollIds.Count == 0) return [];
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<MineRow>(
            $"""
            SELECT p.id AS PollId, p.message_id AS MessageId, p.conversation_id AS ConversationId, v.option_id AS OptionId,
                   CASE WHEN s.id IS NULL THEN 0 ELSE 1 END AS SignedUp
            FROM polls p
            JOIN members m ON m.conversation_id = p.conversation_id AND m.user_id = @userId AND m.active = 1
            LEFT JOIN poll_votes v ON v.poll_id = p.id AND v.user_id = @userId
            LEFT JOIN poll_signups s ON s.poll_id = p.id AND s.user_id = @userId
            WHERE {Sql.In(c, "p.id", "ids")}
            ORDER BY p.id, v.option_id
            """, new { userId, ids = Sql.List(c, pollIds) })).AsList();
    }

    // ---- writes ----

    public static PollRecord? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<PollRecord>($"SELECT {Columns} FROM polls p WHERE p.id = @id", new { id }, w.Transaction);

    public static PollRecord? OfMessage(WriteContext w, long messageId) =>
        w.Connection.QuerySingleOrDefault<PollRecord>($"SELECT {Columns} FROM polls p WHERE p.message_id = @messageId", new { messageId }, w.Transaction);

    public static PollSet Load(WriteContext w, PollRecord poll)
    {
        var c = w.Connection;
        var args = new { ids = Sql.List(c, [poll.Id]) };
        return new PollSet([poll],
            c.Query<PollOptionRow>(OptionsSql(c), args, w.Transaction).ToLookup(o => o.PollId),
            c.Query<PollVoteRow>(VotesSql(c), args, w.Transaction).ToLookup(v => v.PollId),
            c.Query<PollSignupRow>(SignupsSql(c), args, w.Transaction).ToLookup(s => s.PollId));
    }

    public static long Insert(WriteContext w, long messageId, long conversationId, string kind, string question, bool multiple, bool anonymous, long createdBy, long? closesAt) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO polls(message_id, conversation_id, kind, question, multiple, anonymous, created_by, created_at, closes_at)
            VALUES (@messageId, @conversationId, @kind, @question, @multiple, @anonymous, @createdBy, @now, @closesAt) RETURNING id
            """,
            new { messageId, conversationId, kind, question, multiple = Sql.Flag(multiple), anonymous = Sql.Flag(anonymous), createdBy, now = w.NowMs, closesAt },
            w.Transaction);

    public static void InsertOption(WriteContext w, long pollId, int position, string text) =>
        w.Connection.Execute("INSERT INTO poll_options(poll_id, position, text) VALUES (@pollId, @position, @text)", new { pollId, position, text }, w.Transaction);

    public static long[] OptionIds(WriteContext w, long pollId) =>
        w.Connection.Query<long>("SELECT id FROM poll_options WHERE poll_id = @pollId", new { pollId }, w.Transaction).ToArray();

    public static long[] VotesOf(WriteContext w, long pollId, long userId) =>
        w.Connection.Query<long>("SELECT option_id FROM poll_votes WHERE poll_id = @pollId AND user_id = @userId ORDER BY option_id", new { pollId, userId }, w.Transaction).ToArray();

    /// <summary>Replaces the user's vote with <paramref name="optionIds"/> (none removes it).</summary>
    public static void ReplaceVotes(WriteContext w, long pollId, long userId, IReadOnlyCollection<long> optionIds)
    {
        w.Connection.Execute("DELETE FROM poll_votes WHERE poll_id = @pollId AND user_id = @userId", new { pollId, userId }, w.Transaction);
        foreach (var optionId in optionIds)
        {
            w.Connection.Execute("INSERT INTO poll_votes(poll_id, option_id, user_id, created_at) VALUES (@pollId, @optionId, @userId, @now)",
                new { pollId, optionId, userId, now = w.NowMs }, w.Transaction);
        }
    }

    public static PollSignupRow? SignupOf(WriteContext w, long pollId, long userId) =>
        w.Connection.QuerySingleOrDefault<PollSignupRow>(
            "SELECT id, poll_id AS PollId, user_id AS UserId, text, created_at AS CreatedAt, edited_at AS EditedAt FROM poll_signups WHERE poll_id = @pollId AND user_id = @userId",
            new { pollId, userId }, w.Transaction);

    public static int SignupCount(WriteContext w, long pollId) =>
        w.Connection.ExecuteScalar<int>("SELECT count(*) FROM poll_signups WHERE poll_id = @pollId", new { pollId }, w.Transaction);

    /// <summary>False when the user is already in the chain (the unique index decides, not a prior read).</summary>
    public static bool AddSignup(WriteContext w, long pollId, long userId, string text) =>
        w.Connection.Execute("INSERT INTO poll_signups(poll_id, user_id, text, created_at) VALUES (@pollId, @userId, @text, @now) ON CONFLICT DO NOTHING",
            new { pollId, userId, text, now = w.NowMs }, w.Transaction) > 0;

    public static bool EditSignup(WriteContext w, long pollId, long userId, string text) =>
        w.Connection.Execute("UPDATE poll_signups SET text = @text, edited_at = @now WHERE poll_id = @pollId AND user_id = @userId",
            new { pollId, userId, text, now = w.NowMs }, w.Transaction) > 0;

    public static bool RemoveSignup(WriteContext w, long pollId, long userId) =>
        w.Connection.Execute("DELETE FROM poll_signups WHERE poll_id = @pollId AND user_id = @userId", new { pollId, userId }, w.Transaction) > 0;

    public static void Close(WriteContext w, long pollId, long userId) =>
        w.Connection.Execute("UPDATE polls SET closed_at = @now, closed_by = @userId WHERE id = @pollId AND closed_at IS NULL",
            new { pollId, userId, now = w.NowMs }, w.Transaction);

    /// <summary>An erased message takes its poll with it: options, votes and sign-ups.</summary>
    public static void DeleteOfMessage(WriteContext w, long messageId)
    {
        var args = new { messageId };
        const string ofMessage = "(SELECT id FROM polls WHERE message_id = @messageId)";
        w.Connection.Execute($"DELETE FROM poll_votes WHERE poll_id IN {ofMessage}", args, w.Transaction);
        w.Connection.Execute($"DELETE FROM poll_signups WHERE poll_id IN {ofMessage}", args, w.Transaction);
        w.Connection.Execute($"DELETE FROM poll_options WHERE poll_id IN {ofMessage}", args, w.Transaction);
        w.Connection.Execute("DELETE FROM polls WHERE message_id = @messageId", args, w.Transaction);
    }
}

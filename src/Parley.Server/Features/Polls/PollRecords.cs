namespace Parley.Server.Features.Polls;

public sealed class PollRecord
{
    public long Id { get; init; }
    public long MessageId { get; init; }
    public long ConversationId { get; init; }
    public string Kind { get; init; } = "";
    public string Question { get; init; } = "";
    public bool Multiple { get; init; }
    public bool Anonymous { get; init; }
    public long CreatedBy { get; init; }
    public long CreatedAt { get; init; }
    public long? ClosesAt { get; init; }
    public long? ClosedAt { get; init; }

    /// <summary>When the poll stopped taking votes as of <paramref name="nowMs"/>: closed by a member, or its closing time passed.</summary>
    public long? EffectiveClosedAt(long nowMs) => ClosedAt ?? (ClosesAt is { } at && at <= nowMs ? at : null);
}

public sealed class PollOptionRow
{
    public long Id { get; init; }
    public long PollId { get; init; }
    public int Position { get; init; }
    public string Text { get; init; } = "";
}

public sealed class PollVoteRow
{
    public long PollId { get; init; }
    public long OptionId { get; init; }
    public long UserId { get; init; }
}

public sealed class PollSignupRow
{
    public long Id { get; init; }
    public long PollId { get; init; }
    public long UserId { get; init; }
    public string Text { get; init; } = "";
    public long CreatedAt { get; init; }
    public long? EditedAt { get; init; }
}

/// <summary>Polls with everything their summaries need, loaded in a few queries for any number of polls.</summary>
public sealed record PollSet(
    IReadOnlyList<PollRecord> Polls, ILookup<long, PollOptionRow> Options, ILookup<long, PollVoteRow> Votes, ILookup<long, PollSignupRow> Signups)
{
    public static readonly PollSet Empty = new([], Array.Empty<PollOptionRow>().ToLookup(o => o.PollId),
        Array.Empty<PollVoteRow>().ToLookup(v => v.PollId), Array.Empty<PollSignupRow>().ToLookup(s => s.PollId));
}

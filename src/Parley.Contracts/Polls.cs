namespace Parley.Contracts;

/// <summary>What a poll message carries: a vote over options, or a sign-up chain (接龙) of one entry per member.</summary>
public static class PollKinds
{
    public const string Poll = "poll";
    public const string Signup = "signup";
}

/// <summary>
/// Creates a message carrying a poll. A poll has 2–20 <see cref="Options"/>; a sign-up chain has none and is never
/// anonymous or multiple-choice. <see cref="ClosesAt"/> (future) closes it automatically.
/// </summary>
public sealed record CreatePollRequest(
    string? Kind, string? Question, string[]? Options = null, bool Multiple = false, bool Anonymous = false,
    DateTimeOffset? ClosesAt = null, string? ClientMsgId = null);

/// <summary>Replaces the caller's vote: empty removes it; a single-choice poll takes at most one option.</summary>
public sealed record VoteRequest(long[]? OptionIds);

/// <summary>The caller's entry in a sign-up chain (may be empty: the entry is then the member's name alone).</summary>
public sealed record SignupRequest(string? Text);

/// <summary>
/// An option with its vote count. <see cref="VoterIds"/> is empty for anonymous polls; otherwise the voters in voting
/// order (capped at 50 in a message's summary; complete from <c>GET /api/v1/polls/{id}</c>).
/// </summary>
public sealed record PollOptionDto(long Id, string Text, int Count, long[] VoterIds);

/// <summary>One entry of a sign-up chain; entries are numbered by their order (sign-up time).</summary>
public sealed record SignupEntryDto(long UserId, string Text, DateTimeOffset At, DateTimeOffset? EditedAt);

/// <summary>
/// What every member may see of a poll: results without anyone's own choice (that is per user, see
/// <see cref="PollDetailDto"/> and <see cref="MyPollStateDto"/>). <see cref="ClosedAt"/> is set once the poll is closed,
/// by a member or because <see cref="ClosesAt"/> has passed. <see cref="Voters"/> counts distinct voters (sign-ups for a
/// chain); <see cref="Entries"/> holds a chain's first 50 entries in a message's summary, all in the detail.
/// </summary>
public sealed record PollDto(
    long Id,
    long MessageId,
    string Kind,
    string Question,
    bool Multiple,
    bool Anonymous,
    long CreatedBy,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? ClosedAt,
    int Voters,
    IReadOnlyList<PollOptionDto> Options,
    IReadOnlyList<SignupEntryDto> Entries);

/// <summary>A poll with the caller's own state: the options they chose, and their sign-up entry if any.</summary>
public sealed record PollDetailDto(PollDto Poll, long[] MyOptionIds, SignupEntryDto? MySignup);

/// <summary>The caller's own choice in one poll (<c>GET /api/v1/polls/mine</c>, and the user-only <c>poll.mine</c> event).</summary>
public sealed record MyPollStateDto(long PollId, long MessageId, long ConversationId, long[] OptionIds, bool SignedUp);

/// <summary>The <c>data</c> of poll.updated: the poll's new summary, to replace the message's <c>poll</c>.</summary>
public sealed record PollEventData(long MessageId, PollDto Poll);

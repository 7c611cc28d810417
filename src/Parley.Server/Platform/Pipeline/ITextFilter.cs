namespace Parley.Server.Platform.Pipeline;

/// <summary>What a user-written text is; filters choose which kinds they screen.</summary>
public enum TextKind
{
    Message,
    MessageEdit,
    ConversationName,
    ConversationTopic,
    ConversationAnnouncement,
    FileName,
    DisplayName,
    PollOption,
    PollSignup,

    /// <summary>A text a person reads on a message's card (header, section, field, button, label): Features/Cards.</summary>
    CardText,
}

/// <summary>A text about to be written, with who writes it and where (conversation 0 when there is none yet).</summary>
public sealed record TextCandidate(TextKind Kind, string Text, long UserId, long ConversationId, bool HasAttachments = false);

/// <summary>
/// A pre-write stage of the text pipeline (<see cref="TextPipeline"/>): every user-written text passes every filter,
/// in <see cref="Order"/>, before anything is queued for writing. A filter accepts, rewrites (e.g. masks; later filters
/// see the new text), flags for review (the text is stored and a <c>content.flagged</c> system event is written with
/// it), or rejects (returns <see cref="TextVerdict.Reject"/>, or throws a ParleyException for a field error: the caller gets
/// a 4xx problem with the filter's code and nothing is written). Register with
/// <c>services.AddTextFilter&lt;T&gt;()</c>; no other code changes. Filters run on request threads, concurrently.
/// </summary>
public interface ITextFilter
{
    /// <summary>Lower runs first. Built-in: limits −1000, send rate −900, bidi controls −500; product filters from 0.</summary>
    int Order { get; }

    /// <summary>A short stable name, recorded with flags.</summary>
    string Name { get; }

    bool Applies(TextKind kind);

    ValueTask<TextVerdict> CheckAsync(TextCandidate candidate, CancellationToken cancellationToken);
}

public abstract record TextVerdict
{
    public static readonly TextVerdict Accept = new Accepted();

    /// <summary>Replaces the text; with <paramref name="flagReason"/> it is also flagged for review (e.g. masked and recorded).</summary>
    public static TextVerdict Rewrite(string text, string? flagReason = null) => new Rewritten(text, flagReason);

    public static TextVerdict Flag(string reason) => new Flagged(reason);

    /// <summary>Refuses the text: the caller gets <paramref name="status"/> with problem code <paramref name="code"/>.</summary>
    public static TextVerdict Reject(string code, string message, int status = 422) => new Rejected(code, message, status);

    public sealed record Accepted : TextVerdict;

    public sealed record Rewritten(string Text, string? FlagReason = null) : TextVerdict;

    public sealed record Flagged(string Reason) : TextVerdict;

    public sealed record Rejected(string Code, string Message, int Status) : TextVerdict;
}

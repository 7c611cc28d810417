using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Polls;

/// <summary>The shape of polls and sign-ups, checked before anything is screened or queued.</summary>
public static class PollRules
{
    public const int MinOptions = 2, MaxOptions = 20;
    public const int MaxQuestionLength = 300, MaxOptionLength = 100, MaxSignupLength = 200;
    public const int MaxSignups = 1000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    /// <summary>A validated create request: kind, trimmed question and options, closing time in Unix ms.</summary>
    public sealed record Draft(string Kind, string Question, string[] Options, bool Multiple, bool Anonymous, long? ClosesAt);

    public static Draft Validate(CreatePollRequest r, long nowMs)
    {
        var kind = r.Kind switch
        {
            PollKinds.Poll => PollKinds.Poll,
            PollKinds.Signup => PollKinds.Signup,
            _ => throw ParleyException.Invalid("kind", "kind must be 'poll' or 'signup'."),
        };
        var question = Text(r.Question, "question", MaxQuestionLength);
        if (question.Length == 0) throw ParleyException.Invalid("question", "The question must not be empty.");
        string[] options;
        if (kind == PollKinds.Poll)
        {
            if (r.Options is null || r.Options.Length is < MinOptions or > MaxOptions)
                throw ParleyException.Invalid("options", $"A poll needs {MinOptions}–{MaxOptions} options.");
            options = [.. r.Options.Select(o => Text(o, "options", MaxOptionLength))];
            if (options.Any(o => o.Length == 0)) throw ParleyException.Invalid("options", "An option must not be empty.");
            if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Length)
                throw ParleyException.Invalid("options", "Options must all be different.");
        }
        else
        {
            if (r.Options is { Length: > 0 }) throw ParleyException.Invalid("options", "A sign-up chain has no options.");
            if (r.Multiple || r.Anonymous) throw ParleyException.Invalid("anonymous", "A sign-up chain shows who signed up; it is neither anonymous nor multiple-choice.");
            options = [];
        }
        long? closesAt = null;
        if (r.ClosesAt is { } at)
        {
            closesAt = UnixMs.From(at);
            if (closesAt <= nowMs || closesAt > nowMs + (long)MaxDuration.TotalMilliseconds)
                throw ParleyException.Invalid("closesAt", "closesAt must be in the future, within a year.");
        }
        return new Draft(kind, question, options, kind == PollKinds.Poll && r.Multiple, r.Anonymous, closesAt);
    }

    /// <summary>Distinct option ids of a vote; how many a poll takes is checked against the poll inside the write.</summary>
    public static long[] VoteIds(long[]? optionIds)
    {
        var ids = (optionIds ?? []).Distinct().ToArray();
        if (ids.Length > MaxOptions) throw ParleyException.Invalid("optionIds", $"A vote names at most {MaxOptions} options.");
        return ids;
    }

    public static string SignupText(string? text) => Text(text, "text", MaxSignupLength);

    /// <summary>Trimmed single-line text of at most <paramref name="max"/> characters (empty when null).</summary>
    private static string Text(string? value, string field, int max)
    {
        var v = (value ?? "").Trim();
        if (v.Length > max) throw ParleyException.Invalid(field, $"{field} must be at most {max} characters.");
        if (v.Any(char.IsControl)) throw ParleyException.Invalid(field, $"{field} must be one line without control characters.");
        return v;
    }
}

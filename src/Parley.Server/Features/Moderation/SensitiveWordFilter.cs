using Parley.Contracts;
using Parley.Server.Platform.Pipeline;

namespace Parley.Server.Features.Moderation;

/// <summary>
/// The sensitive-word filter on every user-written text of the pipeline: a <c>block</c> rule refuses the text (422
/// <c>content_blocked</c>), <c>mask</c> rules replace each matched character by <c>*</c>, <c>flag</c> rules let it
/// through and record it for review. It runs after the built-in limits, rate and bidi filters (order 0).
/// </summary>
public sealed class SensitiveWordFilter(RuleSet rules) : ITextFilter
{
    public const string FilterName = "sensitive-words";

    /// <summary>A flag's reason is this followed by the ids of the flagging rules, comma-separated.</summary>
    public const string ReasonPrefix = "rules ";

    public int Order => 0;

    public string Name => FilterName;

    public bool Applies(TextKind kind) => true;

    public async ValueTask<TextVerdict> CheckAsync(TextCandidate candidate, CancellationToken cancellationToken)
    {
        var snapshot = await rules.GetAsync(cancellationToken);
        var outcome = snapshot.Evaluate(candidate.Text, candidate.ConversationId, candidate.UserId);
        if (outcome.Matches.Count == 0) return TextVerdict.Accept;
        if (outcome.Blocked)
            return TextVerdict.Reject(ErrorCodes.ContentBlocked, "The text contains words that this organisation does not allow. Change it and send again.");
        var flagged = outcome.Flagging.Select(r => r.Id).ToArray();
        var reason = flagged.Length == 0 ? null : ReasonPrefix + string.Join(",", flagged);
        return outcome.Text == candidate.Text
            ? (reason is null ? TextVerdict.Accept : TextVerdict.Flag(reason))
            : TextVerdict.Rewrite(outcome.Text, reason);
    }
}

using Parley.Server.Common;

namespace Parley.Server.Platform.Pipeline;

/// <summary>Runs the registered <see cref="ITextFilter"/>s over one text, in order.</summary>
public sealed class TextPipeline(IEnumerable<ITextFilter> filters)
{
    private readonly ITextFilter[] _filters = [.. filters.OrderBy(f => f.Order)];

    /// <summary>The text as it may be written, and any flags to record with it; throws the problem of a rejecting filter.</summary>
    public async ValueTask<ScreenedText> ScreenAsync(TextCandidate candidate, CancellationToken cancellationToken = default)
    {
        List<ContentFlag>? flags = null;
        var current = candidate;
        foreach (var filter in _filters)
        {
            if (!filter.Applies(current.Kind)) continue;
            switch (await filter.CheckAsync(current, cancellationToken))
            {
                case TextVerdict.Rewritten r:
                    current = current with { Text = r.Text };
                    if (r.FlagReason is { } reason) (flags ??= []).Add(new ContentFlag(filter.Name, reason));
                    break;
                case TextVerdict.Flagged f:
                    (flags ??= []).Add(new ContentFlag(filter.Name, f.Reason));
                    break;
                case TextVerdict.Rejected x:
                    throw new ParleyException(x.Status, x.Code, x.Message);
            }
        }
        return new ScreenedText(current.Kind, current.Text, current.UserId, flags ?? (IReadOnlyList<ContentFlag>)[]);
    }

    /// <summary>Screens an optional text: null stays null.</summary>
    public async ValueTask<string?> ScreenOptionalAsync(TextKind kind, string? text, long userId, long conversationId, CancellationToken cancellationToken = default) =>
        text is null ? null : (await ScreenAsync(new TextCandidate(kind, text, userId, conversationId), cancellationToken)).Text;
}

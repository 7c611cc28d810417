using System.Text;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform.Pipeline;

namespace Parley.Server.Features.Messages;

/// <summary>The shape every message text must have: not empty (unless files stand alone), at most MaxTextBytes, no NUL.</summary>
public sealed class MessageLimitsFilter(IOptionsMonitor<MessagesOptions> options) : ITextFilter
{
    public int Order => -1000;
    public string Name => "limits";

    public bool Applies(TextKind kind) => kind is TextKind.Message or TextKind.MessageEdit;

    public ValueTask<TextVerdict> CheckAsync(TextCandidate candidate, CancellationToken cancellationToken)
    {
        var max = options.CurrentValue.MaxTextBytes;
        if (string.IsNullOrWhiteSpace(candidate.Text))
        {
            if (candidate.HasAttachments && candidate.Kind == TextKind.Message) return ValueTask.FromResult(TextVerdict.Rewrite(""));
            throw ParleyException.Invalid("text", "The message text must not be empty.");
        }
        if (Encoding.UTF8.GetByteCount(candidate.Text) > max)
            throw new ParleyException(413, ErrorCodes.MessageTooLarge, $"The message text exceeds {max} bytes.");
        if (candidate.Text.Contains('\0', StringComparison.Ordinal)) throw ParleyException.Invalid("text", "The message text must not contain NUL characters.");
        return ValueTask.FromResult(TextVerdict.Accept);
    }
}

/// <summary>The per-user send rate (<see cref="SendRateLimiter"/>), shared by REST and hub: a new message only, not an edit.</summary>
public sealed class SendRateFilter(SendRateLimiter limiter) : ITextFilter
{
    public int Order => -900;
    public string Name => "send-rate";

    public bool Applies(TextKind kind) => kind == TextKind.Message;

    public async ValueTask<TextVerdict> CheckAsync(TextCandidate candidate, CancellationToken cancellationToken)
    {
        await limiter.AcquireAsync(candidate.UserId);
        return TextVerdict.Accept;
    }
}

using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Features.Polls;

/// <summary>The polls of messages being read (history, catch-up, search) or published, for the message feature.</summary>
public sealed class MessagePolls(PollStore store, TimeProvider time)
{
    /// <summary>Summaries keyed by message id, loaded for a whole page at once.</summary>
    public async Task<IReadOnlyDictionary<long, PollDto>> ForMessagesAsync(IReadOnlyCollection<long> messageIds) =>
        PollSummary.ByMessage(await store.ForMessagesAsync(messageIds), time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>The poll a message carries, inside a write (null for most messages).</summary>
    public static PollDto? Of(WriteContext w, long messageId) =>
        PollStore.OfMessage(w, messageId) is { } p ? PollSummary.ToDto(PollStore.Load(w, p), p, w.NowMs) : null;
}

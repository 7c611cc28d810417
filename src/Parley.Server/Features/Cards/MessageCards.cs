using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Features.Cards;

/// <summary>The cards of messages being read (history, catch-up, search) or published, for the message feature.</summary>
public sealed class MessageCards(CardStore store)
{
    /// <summary>Cards keyed by message id, loaded for a whole page at once.</summary>
    public async Task<IReadOnlyDictionary<long, CardDto>> ForMessagesAsync(IReadOnlyCollection<long> messageIds) =>
        (await store.ForMessagesAsync(messageIds)).ToDictionary(r => r.MessageId, r => r.ToDto());

    /// <summary>The card a message carries, inside a write (null for most messages).</summary>
    public static CardDto? Of(WriteContext w, long messageId) => CardStore.Get(w, messageId)?.ToDto();
}

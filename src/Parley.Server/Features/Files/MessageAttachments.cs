using Parley.Contracts;

namespace Parley.Server.Features.Files;

/// <summary>The files of messages being read (history, catch-up), for the message feature.</summary>
public sealed class MessageAttachments(FileStore store)
{
    public async Task<ILookup<long, FileDto>> ForMessagesAsync(IReadOnlyCollection<long> messageIds) =>
        (await store.ForMessagesAsync(messageIds)).SelectMany(g => g.Select(f => (g.Key, Dto: f.ToDto()))).ToLookup(x => x.Key, x => x.Dto);
}

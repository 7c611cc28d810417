using Parley.Contracts;

namespace Parley.Server.Features.Files;

/// <summary>The files of messages being read (history, catch-up), for the message feature.</summary>
public sealed class MessageAttachments(FileStore store)
{
    public ILookup<long, FileDto> ForMessages(IReadOnlyCollection<long> messageIds) =>
        store.ForMessages(messageIds).SelectMany(g => g.Select(f => (g.Key, Dto: f.ToDto()))).ToLookup(x => x.Key, x => x.Dto);
}

using Parley.Contracts;

namespace Parley.Server.Features.Files;

/// <summary>The files of messages being read (history, catch-up) or forwarded, for the message feature.</summary>
public sealed class MessageAttachments(FileStore store, FileService files)
{
    public async Task<ILookup<long, FileDto>> ForMessagesAsync(IReadOnlyCollection<long> messageIds) =>
        (await store.ForMessagesAsync(messageIds)).SelectMany(g => g.Select(f => (g.Key, Dto: f.ToDto()))).ToLookup(x => x.Key, x => x.Dto);

    /// <summary>
    /// Forwarding carries the files (issue 20) as copies uploaded by the forwarder, through the normal upload path
    /// (type rules, quota). A file row belongs to one message, so the copy is what the new audience may read, and it
    /// stays readable after the original is recalled or erased. A forward that then fails leaves unsent copies,
    /// which the janitor removes like any abandoned upload.
    /// </summary>
    public async Task<long[]> CopyForForwardAsync(long userId, long messageId, CancellationToken cancellationToken)
    {
        var copies = new List<long>();
        foreach (var file in (await store.ForMessagesAsync([messageId]))[messageId])
        {
            await using var bytes = await files.OpenAsync(file.BlobKey, 0, file.Size, cancellationToken);
            copies.Add((await files.StoreAsync(userId, file.Name, file.ContentType, bytes, cancellationToken)).Id);
        }
        return [.. copies];
    }
}

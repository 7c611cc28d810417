using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Files;

/// <summary>The hook by which messages carry files; called by the message feature inside its write.</summary>
public static class MessageFiles
{
    public const int MaxPerMessage = 20;

    /// <summary>Checks the shape of <c>fileIds</c> before anything is queued.</summary>
    public static long[] Validate(long[]? fileIds)
    {
        if (fileIds is null || fileIds.Length == 0) return [];
        var ids = fileIds.Distinct().ToArray();
        if (ids.Length > MaxPerMessage) throw ParleyException.Invalid("fileIds", $"A message may carry at most {MaxPerMessage} files.");
        if (ids.Any(id => id <= 0)) throw ParleyException.Invalid("fileIds", "fileIds must be file ids.");
        return ids;
    }

    /// <summary>
    /// Attaches the sender's unsent uploads to the new message, making them visible to the conversation.
    /// Anything else (someone else's file, one already sent, a guessed id) fails the whole send: the
    /// writer rolls the message back with it.
    /// </summary>
    public static IReadOnlyList<FileDto> Attach(WriteContext w, long senderId, long conversationId, long messageId, long[] fileIds)
    {
        if (fileIds.Length == 0) return [];
        if (FileStore.Attach(w, senderId, conversationId, messageId, fileIds) != fileIds.Length)
            throw ParleyException.Invalid("fileIds", "fileIds must name files you uploaded that have not been sent yet.");
        return Of(w, messageId);
    }

    /// <summary>The files a message carries, in the sender's order, inside a write.</summary>
    public static IReadOnlyList<FileDto> Of(WriteContext w, long messageId) => FileStore.OfMessage(w, messageId).Select(f => f.ToDto()).ToList();

    /// <summary>A deleted or recalled message takes its files with it (bytes purged or kept per Parley:Files:OnMessageErased).</summary>
    public static void Erase(WriteContext w, long messageId) => FileStore.HideOfMessage(w, messageId);
}

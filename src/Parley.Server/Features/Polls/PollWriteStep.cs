using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Polls;

/// <summary>
/// Keeps a poll with its message: the question is the message's text, so a poll message cannot be edited; an erased
/// (deleted, recalled, purged) message takes its poll, votes and sign-ups with it.
/// </summary>
public sealed class PollWriteStep : IMessageWriteStep
{
    public int Order => 250;

    public void AfterEdit(WriteContext w, MessageChange change)
    {
        if (PollStore.OfMessage(w, change.MessageId) is not null)
            throw new ParleyException(409, ErrorCodes.Conflict, "A poll's question cannot be edited.");
    }

    public void AfterErase(WriteContext w, MessageChange change) => PollStore.DeleteOfMessage(w, change.MessageId);
}

using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Saved;

/// <summary>
/// Sending from a composer removes its draft in the message's own transaction, on every device (a forward is not
/// composed there, so it leaves the draft alone).
/// </summary>
public sealed class DraftClearStep : IMessageWriteStep
{
    public int Order => 400;

    public void AfterInsert(WriteContext w, MessageDraft draft)
    {
        if (!draft.Forwarded) DraftService.ClearOnSend(w, draft.SenderId, draft.Conversation.Id, draft.ThreadRootId);
    }
}

using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Files;

/// <summary>Attaches the sender's uploads to a new message, and takes them away with an erased one (<see cref="MessageFiles"/>).</summary>
public sealed class FileAttachmentStep : IMessageWriteStep
{
    public int Order => 200;

    public void AfterInsert(WriteContext w, MessageDraft draft) =>
        draft.Files = MessageFiles.Attach(w, draft.SenderId, draft.Conversation.Id, draft.Id, draft.FileIds);

    public void AfterErase(WriteContext w, MessageChange change) => MessageFiles.Erase(w, change.MessageId);
}

using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Translation;

/// <summary>
/// An edited message's translations are stale and a deleted, recalled or purged one's must go with its text: both drop
/// every cached translation of the message in the change's own transaction.
/// </summary>
public sealed class TranslationEraseStep : IMessageWriteStep
{
    public int Order => 450;

    public void AfterEdit(WriteContext w, MessageChange change) => TranslationStore.DeleteFor(w, change.MessageId);

    public void AfterErase(WriteContext w, MessageChange change) => TranslationStore.DeleteFor(w, change.MessageId);
}

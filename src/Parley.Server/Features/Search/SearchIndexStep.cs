using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Search;

/// <summary>Keeps the full-text index in the message's own transaction: a committed message is findable, an erased one is not.</summary>
public sealed class SearchIndexStep : IMessageWriteStep
{
    public int Order => 100;

    public void AfterInsert(WriteContext w, MessageDraft draft) => SearchIndex.Put(w, draft.Id, draft.Text);

    public void AfterEdit(WriteContext w, MessageChange change) => SearchIndex.Put(w, change.MessageId, change.NewText);

    public void AfterErase(WriteContext w, MessageChange change) => SearchIndex.Remove(w, change.MessageId);
}

using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Cards;

/// <summary>An erased (deleted, recalled, purged) message takes its card with it: nothing of it is shown or kept.</summary>
public sealed class CardWriteStep : IMessageWriteStep
{
    public int Order => 260;

    public void AfterErase(WriteContext w, MessageChange change) => CardStore.Delete(w, change.MessageId);
}

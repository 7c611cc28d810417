using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Urgent;

/// <summary>A deleted, recalled or purged message asks nobody anything: its requests go, and pending targets' banners are cleared.</summary>
public sealed class UrgentEraseStep : IMessageWriteStep
{
    public int Order => 400;

    public void AfterErase(WriteContext w, MessageChange change)
    {
        var pending = UrgentStore.Clear(w, change.MessageId);
        if (pending.Count == 0) return;
        var data = new UrgentClearedData(change.MessageId, change.Conversation.Id);
        w.PublishToUsers(pending, new EventDto(UrgentEventTypes.Cleared, change.Conversation.Id, null, data, UnixMs.To(w.NowMs)));
    }
}

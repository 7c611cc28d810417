using Parley.Server.Platform.Subscribers;
using Parley.Server.Platform.SystemLog;

namespace Parley.Server.Features.Knowledge;

/// <summary>Per-node reader of the system stream: an article changed anywhere (another node, the CLI) is re-read into this node's index.</summary>
public sealed class KnowledgeChangesFromLog(KnowledgeIndex index) : IEventSubscriber
{
    public string Name => "knowledge-index";
    public string Stream => EventStreams.System;
    public bool PerNode => true;

    public Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Where(e => e.Type is SystemEventTypes.KnowledgeArticleCreated or SystemEventTypes.KnowledgeArticleUpdated
                or SystemEventTypes.KnowledgeArticleDeleted && e.TargetId is not null)
            .Select(e => e.TargetId!.Value).Distinct().ToArray();
        return ids.Length == 0 ? Task.CompletedTask : index.RefreshAsync(ids);
    }
}

using Parley.Server.Platform.Subscribers;
using Parley.Server.Platform.SystemLog;

namespace Parley.Server.Features.Moderation;

/// <summary>
/// Per-node reader of the system stream: a rule, an exemption or a user's external mark changed anywhere (another node,
/// the CLI, a user's edit) recompiles this node's rules, once per batch; changes this node made and compiled itself are skipped.
/// </summary>
public sealed class RuleChangesFromLog(RuleSet rules) : IEventSubscriber
{
    public string Name => "moderation-rules";
    public string Stream => EventStreams.System;
    public bool PerNode => true;

    public Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        var changes = batch.Where(e => e.Type is SystemEventTypes.ModerationRuleAdded or SystemEventTypes.ModerationRuleRemoved
            or SystemEventTypes.ModerationExemptionsChanged or SystemEventTypes.UserExternalChanged).Select(e => e.Id).ToList();
        return changes.Count == 0 ? Task.CompletedTask : rules.SeenAsync(changes);
    }
}

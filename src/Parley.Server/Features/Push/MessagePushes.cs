using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Features.Messages;
using Parley.Server.Platform.Subscribers;

namespace Parley.Server.Features.Push;

/// <summary>
/// Durable subscriber of the conversations stream: each <c>message.created</c> becomes a push to the conversation's
/// other members. It keeps its cursor in the database, so messages committed while the server was down or restarting
/// are pushed when it is back (unless older than Parley:Push:MaxAge); in a cluster one node runs it.
/// Mute: a muted conversation pushes nothing, except to a member @mentioned by name (an @all does not break through
/// mute: it would make mute useless in busy channels). Online and do-not-disturb rules: <see cref="PushNotifier"/>.
/// Starts at the log's end: switching the feature on does not push the past.
/// </summary>
public sealed class MessagePushes(PushNotifier notifier, PushStore store, MessageStore messages, IOptions<PushOptions> options, TimeProvider clock) : IEventSubscriber
{
    public string Name => "web-push";
    public string Stream => EventStreams.Conversations;
    public bool StartAtEnd => true;
    public int BatchSize => 50;

    public async Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;
        var created = batch.Where(e => e.Type == EventTypes.MessageCreated && e.MessageId is not null && e.ConversationId is not null
            && clock.GetUtcNow() - e.At <= options.Value.MaxAge).ToList();
        if (created.Count == 0) return;
        // Members with a registered device first, for the whole batch: most conversations have none, and then nothing
        // else about their messages is read.
        var withDevices = await store.RecipientsAsync(created.Select(e => e.ConversationId!.Value).ToHashSet());
        foreach (var e in created)
        {
            if (!withDevices[e.ConversationId!.Value].Any(r => r.UserId != e.ActorId)) continue;
            var m = await messages.FindAsync(e.MessageId!.Value);
            if (m is null || m.DeletedAt is not null || m.RecalledAt is not null || m.PurgedAt is not null) continue;
            var candidates = withDevices[m.ConversationId].Where(r => r.UserId != m.SenderId).ToList();
            var mentioned = (m.Mentions is { Length: > 0 } json ? JsonSerializer.Deserialize<long[]>(json) ?? [] : []).ToHashSet();
            var recipients = candidates.Where(r => !r.Muted || mentioned.Contains(r.UserId)).Select(r => r.UserId).ToList();
            if (recipients.Count == 0) continue;
            var context = await store.MessageContextAsync(m.ConversationId, m.SenderId);
            if (context is null) continue;
            var name = context.Kind == ConversationKinds.Direct ? null : context.ConversationName;
            await notifier.SendToUsersAsync(recipients, new PushMessage(m.ConversationId, m.Id, name, context.SenderName, m.Text, MentionedUserIds: mentioned), cancellationToken);
        }
    }
}

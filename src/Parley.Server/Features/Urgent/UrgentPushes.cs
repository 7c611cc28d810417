using Parley.Contracts;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Push;

namespace Parley.Server.Features.Urgent;

/// <summary>
/// Web Push for the members an urgent message asks (issue 20): sent after the request commits, marked urgent so a
/// member's do-not-disturb and a muted conversation do not hold it back (the online rule still applies: a member with
/// the app open sees the banner). Best effort, off the request path: the banner and the pending list are what persist;
/// a push lost to a restart is not sent again, and escalation (<see cref="Escalation.UrgentEscalationJob"/>) covers a
/// member who still does not answer.
/// </summary>
public sealed class UrgentPushes(PushNotifier notifier, PushStore store, MessageStore messages, ILogger<UrgentPushes> logger)
{
    public void Start(long messageId, IReadOnlyList<long> targets) =>
        _ = Task.Run(async () =>
        {
            try
            {
                if (await messages.FindAsync(messageId) is not { DeletedAt: null, RecalledAt: null } m) return;
                if (await store.MessageContextAsync(m.ConversationId, m.SenderId) is not { } context) return;
                var name = context.Kind == ConversationKinds.Direct ? null : context.ConversationName;
                await notifier.SendToUsersAsync(targets, new PushMessage(m.ConversationId, m.Id, name, context.SenderName, m.Text, Urgent: true));
            }
            catch (Exception error)
            {
                UrgentLog.PushFailed(logger, error, messageId);
            }
        });
}

using Parley.Contracts;

namespace Parley.Server.Features.Scheduled;

/// <summary>
/// The seam for other channels of a due reminder (Web Push, issue 20): every registered listener is called on the node
/// that fired the reminder, after the commit and after <c>reminder.due</c> went to the user's live connections.
/// Called once per reminder in a cluster, at most once (a node that dies between the commit and the call skips it);
/// a listener that needs at-least-once can read <c>reminders</c> rows with <c>status = 'due'</c> and its own cursor
/// on <c>fired_at</c>. Register with <c>services.AddSingleton&lt;IReminderDueListener, MyListener&gt;()</c>.
/// </summary>
public interface IReminderDueListener
{
    Task ReminderDueAsync(long userId, ReminderDto reminder);
}

using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.ConversationAdmin;

/// <summary>
/// Durable subscriber of the system stream: every new user joins the default channels. It hangs on
/// <c>user.created</c> (and <c>setup.completed</c>, the first user) rather than on one insert statement because users
/// come from many places — the admin form, the CLI, first-run setup, directory sync, SCIM, single sign-on,
/// invitations — and all of them record that event in the transaction that creates the user; a provider added later
/// needs no change here. At least once and idempotent: a channel is joined only if it was a default one when the user
/// was created and the user has never been in it, so a replayed batch adds nobody twice and does not pull back someone
/// who has left.
/// </summary>
public sealed class DefaultChannelJoins(WriteQueue writer, IOptions<ConversationsOptions> options, ILogger<DefaultChannelJoins> log) : IEventSubscriber
{
    public string Name => "default-channels";
    public string Stream => EventStreams.System;

    public async Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        var created = batch.Where(e => e.Type is SystemEventTypes.UserCreated or SystemEventTypes.SetupCompleted && e.TargetId is not null)
            .Select(e => (UserId: e.TargetId!.Value, At: UnixMs.From(e.At))).ToList();
        if (created.Count == 0) return;
        await writer.ExecuteAsync(w =>
        {
            foreach (var (userId, at) in created)
            {
                if (ConversationStore.ExistingActiveUsers(w, [userId]).Count == 0) continue;
                foreach (var channel in ConversationAdminStore.DefaultChannelsAt(w, at))
                {
                    if (ConversationAdminStore.EverMember(w, channel, userId)) continue;
                    if (ConversationStore.Find(w, channel, userId) is { } c && c.MemberCount >= options.Value.MaxMembers)
                    {
                        ConversationAdminLog.DefaultChannelFull(log, channel, userId);
                        continue;
                    }
                    ConversationService.Join(w, channel, userId, MemberRoles.Member, actor: userId);
                }
            }
            return 0;
        });
    }
}

internal static partial class ConversationAdminLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Default channel {ChannelId} is full; new user {UserId} was not added.")]
    public static partial void DefaultChannelFull(ILogger logger, long channelId, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Department group {ConversationId} is full; {Left} people of its department were not added.")]
    public static partial void DepartmentGroupFull(ILogger logger, long conversationId, int left);
}

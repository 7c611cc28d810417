using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Calls;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Storage;

namespace Parley.Server.Realtime;

/// <summary>
/// The real-time endpoint. Thin: each method calls the same service as its REST twin. Group membership
/// is rebuilt from the database on every connect; nothing the client claims is trusted.
/// </summary>
[Authorize]
public sealed class ParleyHub(
    ConversationService conversations, MessageService messages, PresenceTracker presence,
    IEventBus events, ConversationStore store, TypingThrottle typing, PresenceWatches watches, IOptions<RealtimeOptions> realtime,
    CallService calls) : Hub
{
    private long UserId => CurrentUser.Id(Context.User!);

    public override async Task OnConnectedAsync()
    {
        var userId = UserId;
        await Clients.Caller.SendAsync(HubNames.Event, new EventDto(EventTypes.Hello, 0, null, Hello(), DateTimeOffset.UtcNow));
        // Register first, then read memberships: a membership committed in between is then seen by the read or
        // by the dispatcher's member.joined handling (adding twice is harmless); never by neither. The registration
        // carries the session, so the connection closes when the session ends (SessionEnforcer).
        await presence.ConnectedAsync(new LiveConnection(Context, userId, CurrentUser.SessionId(Context.User!), CurrentUser.SessionExpiresAt(Context.User!)));
        foreach (var id in await store.ActiveConversationIdsAsync(userId))
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Conversation(id));
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await presence.DisconnectedAsync(UserId, Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    // Errors of every method below reach the client as hub errors carrying their stable code (HubGuard).

    public Task<MessageDto> SendMessage(long conversationId, string text, string? clientMsgId) =>
        messages.SendAsync(UserId, conversationId, new SendMessageRequest(text, clientMsgId, null, null));

    /// <summary>The full send (thread reply, quote, files) over the hub; same rules and idempotency as REST.</summary>
    public Task<MessageDto> Send(long conversationId, SendMessageRequest request) =>
        messages.SendAsync(UserId, conversationId, request ?? throw ParleyException.Invalid("request", "A message is required."));

    /// <summary>
    /// The heartbeat settings of the hello event, on request. A client that changed its timeouts on hello calls this
    /// once: SignalR clients re-arm their server timeout when a message arrives, using the value they had then, so
    /// without a later message the timer armed before hello (30 s) would still end a connection that the server
    /// only pings every minute.
    /// </summary>
    public HelloEventData Hello()
    {
        var heartbeat = realtime.Value;
        return new HelloEventData((int)heartbeat.KeepAliveInterval.TotalSeconds, (int)heartbeat.ClientTimeout.TotalSeconds);
    }

    public async Task Typing(long conversationId)
    {
        if (!typing.ShouldSend(UserId, conversationId)) return;
        await conversations.RequireMemberAsync(UserId, conversationId);
        events.Publish([new EventDto(EventTypes.Typing, conversationId, null, new TypingEventData(UserId), DateTimeOffset.UtcNow)]);
    }

    public Task MarkRead(long conversationId, long seq) => conversations.MarkReadAsync(UserId, conversationId, seq);

    public Task SetPresence(string status) => presence.DeclareAsync(UserId, status);

    /// <summary>Subscribes this connection to presence changes of these users and returns their current presence; ids of no user are left out.</summary>
    public async Task<IReadOnlyList<PresenceDto>> WatchPresence(long[] userIds)
    {
        if (userIds is null || userIds.Length > 500) throw ParleyException.Invalid("userIds", "Watch at most 500 users at once.");
        var ids = await presence.KnownUsersAsync(userIds.Distinct().ToArray());
        var added = watches.Watch(Context.ConnectionId, UserId, ids);
        foreach (var id in added) await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.PresenceOf(id));
        return await presence.GetManyAsync(ids);
    }

    /// <summary>Stops presence changes of these users reaching this connection.</summary>
    public async Task UnwatchPresence(long[] userIds)
    {
        if (userIds is null || userIds.Length > 500) throw ParleyException.Invalid("userIds", "Unwatch at most 500 users at once.");
        foreach (var id in watches.Unwatch(Context.ConnectionId, userIds))
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.PresenceOf(id));
    }

    /// <summary>Relays a call's offer, answer or ICE candidate to one other participant (<c>call.signal</c>); both must have joined the call.</summary>
    public Task CallSignal(long callId, long toUserId, string kind, string payload) => calls.SignalAsync(UserId, callId, toUserId, kind, payload);

    /// <summary>A joined participant's client reports that it is still in the call (Parley:Calls:ParticipantTimeout drops the silent).</summary>
    public Task CallHeartbeat(long callId) => calls.HeartbeatAsync(UserId, callId);
}

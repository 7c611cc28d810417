using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Cluster;

/// <summary>
/// Events between nodes: the same envelope as on the hub, with <c>data</c> restored to its own type on arrival so that
/// the receiving node dispatches (and serialises to MessagePack) exactly what the sending node would have.
/// </summary>
public static class EventCodec
{
    /// <summary>The CLR type of <c>data</c> per event type; every <see cref="EventTypes"/> value is here (a test checks).</summary>
    public static Type? DataType(string type) => type switch
    {
        _ when type.StartsWith("message.", StringComparison.Ordinal) => typeof(MessageDto),
        EventTypes.ReactionAdded or EventTypes.ReactionRemoved => typeof(ReactionEventData),
        EventTypes.MemberJoined or EventTypes.MemberLeft or EventTypes.MemberRoleChanged => typeof(MemberEventData),
        EventTypes.ConversationUpdated => typeof(ConversationUpdatedData),
        EventTypes.BookmarkChanged => typeof(BookmarkEventData),
        EventTypes.DraftChanged => typeof(DraftDto),
        EventTypes.PollUpdated => typeof(PollEventData),
        EventTypes.PollMine => typeof(MyPollStateDto),
        EventTypes.Receipt => typeof(ReceiptEventData),
        EventTypes.Typing => typeof(TypingEventData),
        EventTypes.Presence => typeof(PresenceEventData),
        UrgentEventTypes.Requested => typeof(PendingUrgentDto),
        UrgentEventTypes.Acknowledged or UrgentEventTypes.Cleared => typeof(UrgentClearedData),
        IntegrationEventTypes.CardEphemeral => typeof(CardEphemeralDto),
        EventTypes.ScheduledUpdated => typeof(ScheduledMessageDto),
        EventTypes.ReminderUpdated or EventTypes.ReminderDue => typeof(ReminderDto),
        EventTypes.UserUpdated => typeof(UserDto),
        EventTypes.CommandReply => typeof(CommandReplyEventData),
        CallEventTypes.Started or CallEventTypes.Ended => typeof(CallEventData),
        CallEventTypes.Ring or CallEventTypes.RingStopped or CallEventTypes.Updated => typeof(CallRingData),
        CallEventTypes.Signal => typeof(CallSignalData),
        ServiceEventTypes.Offered or ServiceEventTypes.Updated => typeof(ServiceConversationEventData),
        ServiceEventTypes.State => typeof(ServiceStateEventData),
        EventTypes.Hello => typeof(HelloEventData), // sent to one connection only, never across nodes; known here for completeness
        _ => null,
    };

    /// <summary>A batch on the wire: conversation-addressed events, or (with <c>Users</c>) one event for those users.</summary>
    private sealed record Wire(string Node, IReadOnlyList<EventDto> Events, IReadOnlyCollection<long>? Users);

    private sealed record WireIn(string Node, List<WireEvent> Events, long[]? Users);

    private sealed record WireEvent(string Type, long ConversationId, long? Seq, JsonElement? Data, DateTimeOffset At);

    public static byte[] Encode(string node, IReadOnlyList<EventDto> events, IReadOnlyCollection<long>? users = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new Wire(node, events, users), JsonDefaults.Options);

    public static (string Node, List<EventDto> Events) Decode(ReadOnlySpan<byte> payload)
    {
        var (node, events, _) = DecodeAddressed(payload);
        return (node, events);
    }

    /// <summary>The batch with its user addresses (null for conversation-addressed events).</summary>
    public static (string Node, List<EventDto> Events, long[]? Users) DecodeAddressed(ReadOnlySpan<byte> payload)
    {
        var wire = JsonSerializer.Deserialize<WireIn>(payload, JsonDefaults.Options) ?? throw new JsonException("empty event batch");
        return (wire.Node, wire.Events.Select(e => new EventDto(e.Type, e.ConversationId, e.Seq, DataOf(e), e.At)).ToList(), wire.Users);
    }

    private static object? DataOf(WireEvent e) =>
        e.Data is not { ValueKind: not JsonValueKind.Null } data ? null
        : DataType(e.Type) is { } t ? data.Deserialize(t, JsonDefaults.Options)
        : data;
}

using System.Globalization;
using System.Text;
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

    /// <summary>
    /// A presence change alone, as a short text frame for the presence channel: <c>userId at status node</c>, space
    /// separated, the node last (an operator may choose it, so it may hold spaces). Every connect and disconnect
    /// publishes one and every other node reads it, so it skips the JSON envelope of <see cref="Encode"/>.
    /// Null when the batch is not one presence event.
    /// </summary>
    public static byte[]? EncodePresence(string node, IReadOnlyList<EventDto> events) =>
        events is [{ Type: EventTypes.Presence, Data: PresenceEventData p } e]
            ? Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{p.UserId} {e.At.ToUnixTimeMilliseconds()} {p.Status} {node}"))
            : null;

    /// <summary>The presence frame's sending node and its event; a frame that is not one throws <see cref="FormatException"/>.</summary>
    public static (string Node, EventDto Event) DecodePresence(ReadOnlySpan<byte> frame)
    {
        Span<Range> parts = stackalloc Range[4];
        var text = Encoding.UTF8.GetString(frame).AsSpan();
        if (text.Split(parts, ' ', StringSplitOptions.None) != 4
            || !long.TryParse(text[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !long.TryParse(text[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var at))
            throw new FormatException("not a presence frame");
        var status = text[parts[2]] switch
        {
            PresenceStatus.Online => PresenceStatus.Online,
            PresenceStatus.Away => PresenceStatus.Away,
            PresenceStatus.Offline => PresenceStatus.Offline,
            _ => throw new FormatException("unknown presence status"),
        };
        return (text[parts[3]].ToString(), new EventDto(EventTypes.Presence, 0, null, new PresenceEventData(userId, status), DateTimeOffset.FromUnixTimeMilliseconds(at)));
    }
}

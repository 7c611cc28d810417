using System.Reflection;
using Parley.Contracts;
using Parley.Server.Cluster;

namespace Parley.Server.Tests.Cluster;

/// <summary>Events cross nodes as JSON and must arrive as the same typed data the sending node would have dispatched.</summary>
public class EventCodecTests
{
    [Fact]
    public void EveryEventTypeWithData_HasItsDataType()
    {
        var types = new[] { typeof(EventTypes), typeof(ServiceEventTypes) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Contains(EventTypes.MessageCreated, types);
        foreach (var type in types.Where(t => t != EventTypes.Resync)) Assert.NotNull(EventCodec.DataType(type));
        Assert.Null(EventCodec.DataType(EventTypes.Resync));
    }

    [Fact]
    public void RoundTrip_RestoresTypedData_AndTheSendingNode()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var message = new MessageDto(7, 3, 12, 5, "部署 <b>", "c-1", at, null, null, null, null, 0, null, null, [9], false, null, []);
        var events = new List<EventDto>
        {
            new(EventTypes.MessageCreated, 3, 12, message, at),
            new(EventTypes.Typing, 3, null, new TypingEventData(5), at),
            new(EventTypes.Presence, 0, null, new PresenceEventData(5, PresenceStatus.Away), at),
            new(EventTypes.MemberLeft, 3, 13, new MemberEventData(6, null, 5), at),
            new(EventTypes.Resync, 0, null, null, at),
        };
        var (node, decoded) = EventCodec.Decode(EventCodec.Encode("node-a", events));
        Assert.Equal("node-a", node);
        Assert.Equal(events.Select(e => (e.Type, e.ConversationId, e.Seq, e.At)), decoded.Select(e => (e.Type, e.ConversationId, e.Seq, e.At)));
        var m = Assert.IsType<MessageDto>(decoded[0].Data);
        Assert.Equal(("部署 <b>", "c-1", 12L, 9L), (m.Text, m.ClientMsgId, m.Seq, m.Mentions.Single()));
        Assert.Equal(new TypingEventData(5), decoded[1].Data);
        Assert.Equal(new PresenceEventData(5, PresenceStatus.Away), decoded[2].Data);
        Assert.Equal(new MemberEventData(6, null, 5), decoded[3].Data);
        Assert.Null(decoded[4].Data);
    }

    [Theory]
    [InlineData(PresenceStatus.Online, "node-a")]
    [InlineData(PresenceStatus.Away, "vm 7 (rack 2)")]
    [InlineData(PresenceStatus.Offline, "节点-b")]
    public void PresenceFrame_RoundTrips_WithAnyNodeName(string status, string node)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        var frame = EventCodec.EncodePresence(node, [new EventDto(EventTypes.Presence, 0, null, new PresenceEventData(42, status), at)]);
        Assert.NotNull(frame);
        var (decodedNode, e) = EventCodec.DecodePresence(frame);
        Assert.Equal(node, decodedNode);
        Assert.Equal((EventTypes.Presence, 0L, (long?)null, at), (e.Type, e.ConversationId, e.Seq, e.At));
        Assert.Equal(new PresenceEventData(42, status), e.Data);
    }

    [Fact]
    public void PresenceFrame_OnlyForOnePresenceEvent()
    {
        var at = DateTimeOffset.UtcNow;
        var presence = new EventDto(EventTypes.Presence, 0, null, new PresenceEventData(5, PresenceStatus.Online), at);
        Assert.Null(EventCodec.EncodePresence("n", [presence, presence]));
        Assert.Null(EventCodec.EncodePresence("n", [new EventDto(EventTypes.Typing, 3, null, new TypingEventData(5), at)]));
        Assert.Null(EventCodec.EncodePresence("n", []));
    }

    [Theory]
    [InlineData("")]
    [InlineData("42 1700000000000 online")]
    [InlineData("42 1700000000000 busy node-a")]
    [InlineData("x 1700000000000 online node-a")]
    [InlineData("-42 1700000000000 online node-a")]
    [InlineData("{\"node\":\"a\",\"events\":[]}")]
    public void PresenceFrame_Unreadable_IsRefused(string frame) =>
        Assert.Throws<FormatException>(() => EventCodec.DecodePresence(System.Text.Encoding.UTF8.GetBytes(frame)));
}

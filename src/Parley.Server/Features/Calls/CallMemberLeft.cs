using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform.Subscribers;

namespace Parley.Server.Features.Calls;

/// <summary>
/// A member who leaves or is removed from a conversation is dropped from its running call (they could otherwise keep
/// listening). Follows <c>member.left</c> in the conversations log: durable, so a removal made while this node was
/// down, or on another node, is still acted on; dropping twice changes nothing.
/// </summary>
public sealed class CallMemberLeft(CallService calls) : IEventSubscriber
{
    public string Name => "calls.member-left";

    public string Stream => EventStreams.Conversations;

    public bool StartAtEnd => true;

    public async Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var e in batch)
        {
            if (e.Type != EventTypes.MemberLeft || e.ConversationId is not { } conversationId || e.Data is null) continue;
            if (JsonSerializer.Deserialize<MemberEventData>(e.Data, JsonDefaults.Options) is { } left)
                await calls.MemberLeftAsync(conversationId, left.UserId);
        }
    }
}

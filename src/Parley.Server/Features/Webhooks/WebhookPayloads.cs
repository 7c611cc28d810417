using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform.Subscribers;

namespace Parley.Server.Features.Webhooks;

/// <summary>
/// The JSON body of a delivery, in the Standard Webhooks shape <c>{ type, timestamp, data }</c> (docs/integrations.md
/// documents every field). Fixed when the delivery is written, so every retry sends the same bytes.
/// </summary>
public static class WebhookPayloads
{
    public sealed record UserRef(long Id, string? Username, string? DisplayName);

    public sealed record MessageData(long ConversationId, long MessageId, long Seq, long? ThreadRootId, UserRef Sender, string? Text,
        DateTimeOffset CreatedAt, DateTimeOffset? EditedAt);

    public sealed record MessageDeletedData(long ConversationId, long MessageId, long? Seq, long? By);

    public sealed record MemberData(long ConversationId, long Seq, UserRef User, string? Role, long? By);

    public sealed record Envelope(string Type, DateTimeOffset Timestamp, object Data);

    /// <summary>The webhook event type of a logged event, or null when webhooks do not carry it.</summary>
    public static string? TypeOf(string loggedType) => loggedType switch
    {
        EventTypes.MessageCreated => WebhookEventTypes.MessageCreated,
        EventTypes.MessageEdited => WebhookEventTypes.MessageUpdated,
        EventTypes.MessageDeleted or EventTypes.MessageRecalled => WebhookEventTypes.MessageDeleted,
        EventTypes.MemberJoined => WebhookEventTypes.MemberJoined,
        EventTypes.MemberLeft => WebhookEventTypes.MemberLeft,
        _ => null,
    };

    /// <summary>The data of one event, or null when it cannot be built (the message is gone from the database).</summary>
    public static object? DataOf(LoggedEvent e, string type, IReadOnlyDictionary<long, WebhookStore.MessageRow> messages,
        IReadOnlyDictionary<long, (string Username, string DisplayName)> users)
    {
        var conversationId = e.ConversationId!.Value;
        switch (type)
        {
            case WebhookEventTypes.MessageCreated or WebhookEventTypes.MessageUpdated:
                if (e.MessageId is not { } id || !messages.TryGetValue(id, out var m)) return null;
                return new MessageData(conversationId, m.Id, m.Seq, m.ThreadRootId, new UserRef(m.SenderId, m.Username, m.DisplayName),
                    m.Gone == 1 ? null : m.Text, UnixMs.To(m.CreatedAt), UnixMs.To(m.EditedAt));
            case WebhookEventTypes.MessageDeleted:
                if (e.MessageId is not { } deleted) return null;
                return new MessageDeletedData(conversationId, deleted, messages.TryGetValue(deleted, out var d) ? d.Seq : null, e.ActorId);
            default:
                var member = e.Data is null ? null : JsonSerializer.Deserialize<MemberEventData>(e.Data, JsonDefaults.Options);
                if (member is null) return null;
                var user = users.TryGetValue(member.UserId, out var u) ? new UserRef(member.UserId, u.Username, u.DisplayName) : new UserRef(member.UserId, null, null);
                return new MemberData(conversationId, e.Seq ?? 0, user, member.Role, member.By);
        }
    }

    public static string Serialize(string type, DateTimeOffset at, object data) =>
        JsonSerializer.Serialize(new Envelope(type, at, data), JsonDefaults.Options);

    /// <summary>True when the webhook has no trigger words, or the message text contains one (case-insensitive).</summary>
    public static bool Triggers(IReadOnlyList<string> triggerWords, object data) =>
        triggerWords.Count == 0 || (data is MessageData { Text: { } text } && triggerWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)));
}

using System.Text;
using System.Text.Json;
using Parley.Contracts;

namespace Parley.Server.Features.Push;

/// <summary>
/// What to tell users' devices (built once per message; <see cref="PushNotifier"/> cuts it per recipient to the preview
/// the server and the user allow). Urgent pushes go through do-not-disturb (the urgent-message feature uses this).
/// </summary>
public sealed record PushMessage(long ConversationId, long MessageId, string? ConversationName, string SenderName, string Text,
    bool Urgent = false, IReadOnlySet<long>? MentionedUserIds = null);

/// <summary>Builds the JSON a device decrypts: small (Web Push carries at most 4 KB), only what the preview allows.</summary>
public static class PushPayloads
{
    /// <summary>Text is cut to this many characters (at most ~1.5 KB of UTF-8 even in CJK), names to 100.</summary>
    public const int MaxTextChars = 500, MaxNameChars = 100;

    /// <summary>Plain bytes must leave room for the encryption header and tag within the 4096 bytes a push service accepts.</summary>
    public const int MaxPayloadBytes = 3000;

    // Chinese stays as UTF-8 (3 bytes) instead of \uXXXX escapes (6): the payload goes to the service worker, never into HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static string EffectivePreview(string serverPreview, bool hideContent) =>
        hideContent && serverPreview == PushPreviews.Full ? PushPreviews.Sender : serverPreview;

    public static string Build(PushMessage m, string preview, string language, bool mentioned)
    {
        var payload = new PushPayload(
            m.Urgent ? "urgent" : "message", m.ConversationId, m.MessageId, preview, language, $"/#/c/{m.ConversationId}/m/{m.MessageId}",
            preview == PushPreviews.None ? null : Cut(m.ConversationName, MaxNameChars),
            preview == PushPreviews.None ? null : Cut(m.SenderName, MaxNameChars),
            preview == PushPreviews.Full ? Cut(m.Text, MaxTextChars) : null,
            mentioned);
        var json = JsonSerializer.Serialize(payload, Json);
        // Control characters escape to six bytes each; cut the text harder in that rare case.
        return Encoding.UTF8.GetByteCount(json) <= MaxPayloadBytes ? json : JsonSerializer.Serialize(payload with { Text = Cut(payload.Text, 100) }, Json);
    }

    private static string? Cut(string? text, int max)
    {
        if (text is null || text.Length <= max) return text;
        var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end] + "…";
    }
}

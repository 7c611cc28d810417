namespace Parley.Contracts;

/// <summary>GET /api/v1/push/vapid-public-key: the application server key browsers subscribe with (base64url, uncompressed P-256 point).</summary>
public sealed record VapidPublicKeyDto(string PublicKey);

/// <summary>The browser's <c>PushSubscription.toJSON()</c>; Language (en, zh-CN) picks the words of the notifications this device shows.</summary>
public sealed record PushSubscriptionRequest(string? Endpoint, long? ExpirationTime, PushKeysDto? Keys, string? Language = null);

public sealed record PushKeysDto(string? P256dh, string? Auth);

/// <summary>One of the user's devices. The endpoint itself is not returned (it is a capability: whoever holds it can push).</summary>
public sealed record PushSubscriptionDto(long Id, string? UserAgent, string EndpointHost, string Language, DateTimeOffset CreatedAt,
    DateTimeOffset? LastSuccessAt, string? LastError);

/// <summary>
/// The user's push choices. QuietStart/QuietEnd ("HH:mm", both or neither) in TimeZone (IANA, e.g. Asia/Shanghai; UTC
/// when absent): no pushes in between, across midnight when QuietEnd is earlier. PausedUntil: no pushes until then.
/// HideContent: notifications name the sender but not the text. ServerPreview is the server's own limit (read only).
/// </summary>
public sealed record PushSettingsDto(bool HideContent, string? QuietStart, string? QuietEnd, string? TimeZone, DateTimeOffset? PausedUntil, string ServerPreview);

public sealed record PushSettingsRequest(bool HideContent, string? QuietStart, string? QuietEnd, string? TimeZone, DateTimeOffset? PausedUntil);

/// <summary>How much of a message a push carries (Parley:Push:Preview, and per user HideContent lowers full to sender).</summary>
public static class PushPreviews
{
    public const string Full = "full";
    public const string Sender = "sender";
    public const string None = "none";
    public static readonly string[] All = [Full, Sender, None];
}

/// <summary>
/// The decrypted payload of a push (JSON, well under the 4 KB Web Push limit): the service worker builds the
/// notification from it in the device's language and opens <see cref="Url"/> on click. Sender, ConversationName and
/// Text are left out as <see cref="Preview"/> says. Kind is "message" (or "urgent" for urgent messages).
/// </summary>
public sealed record PushPayload(string Kind, long ConversationId, long MessageId, string Preview, string Lang, string Url,
    string? ConversationName = null, string? Sender = null, string? Text = null, bool Mention = false);

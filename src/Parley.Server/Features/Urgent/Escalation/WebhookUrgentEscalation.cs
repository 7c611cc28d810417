using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Server.Common;

namespace Parley.Server.Features.Urgent.Escalation;

/// <summary>
/// The built-in escalation: POSTs the request as JSON to <c>Parley:Urgent:Webhook:Url</c>, signed so the receiver
/// can tell it came from this server and was not replayed much later. Headers: <c>X-Parley-Event: urgent.escalation</c>,
/// <c>X-Parley-Delivery</c> (the request id, the same on every attempt), <c>X-Parley-Timestamp</c> (Unix seconds) and
/// <c>X-Parley-Signature: sha256=</c> hex HMAC-SHA256 over <c>"{timestamp}.{body}"</c> with the configured secret.
/// Any 2xx is delivered; anything else is retried at the next poll.
/// </summary>
public sealed class WebhookUrgentEscalation(IOptions<UrgentOptions> options, TimeProvider time) : IUrgentEscalation, IDisposable
{
    public const string SignatureHeader = "X-Parley-Signature", TimestampHeader = "X-Parley-Timestamp", DeliveryHeader = "X-Parley-Delivery";

    private readonly HttpClient _http = new() { Timeout = options.Value.Webhook.Timeout };

    public string Name => "webhook";

    public sealed record Payload(string Type, string Id, long MessageId, long ConversationId, UrgentPerson Sender, UrgentPerson Target,
        string? Preview, DateTimeOffset RequestedAt, int Attempt);

    public async Task EscalateAsync(UrgentEscalation request, CancellationToken cancellationToken)
    {
        var o = options.Value.Webhook;
        var payload = new Payload("urgent.escalation", request.Id, request.MessageId, request.ConversationId, request.Sender, request.Target,
            o.IncludePreview ? request.Preview : null, request.RequestedAt, request.Attempt);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, JsonDefaults.Options);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var message = new HttpRequestMessage(HttpMethod.Post, o.Url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        message.Headers.Add("X-Parley-Event", "urgent.escalation");
        message.Headers.Add(DeliveryHeader, request.Id);
        message.Headers.Add(TimestampHeader, timestamp);
        message.Headers.Add(SignatureHeader, "sha256=" + Sign(o.Secret!, timestamp, body));
        using var response = await _http.SendAsync(message, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Lower-case hex HMAC-SHA256 of "{timestamp}." followed by the body bytes.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public void Dispose() => _http.Dispose();
}

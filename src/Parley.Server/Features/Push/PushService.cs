using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Push;

/// <summary>
/// A user's push devices and do-not-disturb settings (issue 20). Each operation acts on the caller's own rows only:
/// another user's subscription id is answered 404, as if it did not exist.
/// </summary>
public sealed class PushService(PushStore store, WriteQueue writer, VapidKeys keys, IOptions<PushOptions> options, TimeProvider clock)
{
    public const int MaxEndpointLength = 2000;
    public static readonly string[] Languages = ["en", "zh-CN"];

    public string PublicKey => keys.PublicKey;

    public async Task<IReadOnlyList<PushSubscriptionDto>> ListAsync(long userId) =>
        (await store.ListAsync(userId)).Select(ToDto).ToList();

    /// <summary>Registers the browser's subscription for this user and session; the same endpoint again updates its row (Created is false).</summary>
    public async Task<(PushSubscriptionDto Subscription, bool Created)> SubscribeAsync(long userId, long sessionId, PushSubscriptionRequest request, string? userAgent)
    {
        var o = options.Value;
        var endpoint = ValidEndpoint(request.Endpoint, o);
        var p256dh = Base64Url.TryDecode(request.Keys?.P256dh);
        if (p256dh is not { Length: 65 } || p256dh[0] != 0x04)
            throw ParleyException.Invalid("keys.p256dh", "keys.p256dh must be the base64url of an uncompressed P-256 public key (65 bytes).");
        var auth = Base64Url.TryDecode(request.Keys?.Auth);
        if (auth is not { Length: 16 }) throw ParleyException.Invalid("keys.auth", "keys.auth must be the base64url of 16 bytes.");
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (request.ExpirationTime is { } expires && expires <= now) throw ParleyException.Invalid("expirationTime", "The subscription has expired already.");
        var language = request.Language is { } l && l.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en";
        var agent = string.IsNullOrWhiteSpace(userAgent) ? null : userAgent.Length > 200 ? userAgent[..200] : userAgent;
        var row = new PushStore.NewSubscription(userId, sessionId, endpoint, Base64Url.Encode(p256dh), Base64Url.Encode(auth), request.ExpirationTime, agent, language);
        var (id, created) = await writer.ExecuteAsync(w =>
        {
            if (PushStore.FindByEndpoint(w, endpoint) is { } existing)
            {
                // The same browser again: new keys, a new session, or another user signed in on it (the device follows the user).
                if (existing.UserId != userId && PushStore.CountOf(w, userId) >= o.MaxSubscriptionsPerUser) throw LimitReached(o);
                PushStore.Replace(w, existing.Id, row);
                return (existing.Id, false);
            }
            if (PushStore.CountOf(w, userId) >= o.MaxSubscriptionsPerUser) throw LimitReached(o);
            return (PushStore.Insert(w, row), true);
        });
        var saved = (await store.ListAsync(userId)).Single(s => s.Id == id);
        return (ToDto(saved), created);
    }

    public async Task UnsubscribeAsync(long userId, long id)
    {
        if (!await writer.ExecuteAsync(w => PushStore.Delete(w, userId, id))) throw ParleyException.NotFound("The push subscription");
    }

    public async Task<PushSettingsDto> SettingsAsync(long userId)
    {
        var s = await store.SettingsAsync(userId);
        var paused = s?.PausedUntil is { } p && p > clock.GetUtcNow().ToUnixTimeMilliseconds() ? UnixMs.To(p) : (DateTimeOffset?)null;
        return new PushSettingsDto(s?.HideContent ?? false, DoNotDisturb.FormatTime(s?.QuietStart), DoNotDisturb.FormatTime(s?.QuietEnd), s?.TimeZone, paused, options.Value.Preview);
    }

    public async Task<PushSettingsDto> SaveSettingsAsync(long userId, PushSettingsRequest request)
    {
        var start = DoNotDisturb.ParseTime(request.QuietStart);
        var end = DoNotDisturb.ParseTime(request.QuietEnd);
        if (request.QuietStart is not null && start is null) throw ParleyException.Invalid("quietStart", "quietStart must be a time as HH:mm.");
        if (request.QuietEnd is not null && end is null) throw ParleyException.Invalid("quietEnd", "quietEnd must be a time as HH:mm.");
        if ((start is null) != (end is null)) throw ParleyException.Invalid("quietEnd", "Give both quietStart and quietEnd, or neither.");
        if (start is not null && start == end) throw ParleyException.Invalid("quietEnd", "Quiet hours must not start and end at the same time.");
        if (request.TimeZone is not null && (request.TimeZone.Length > 64 || DoNotDisturb.FindZone(request.TimeZone) is null))
            throw ParleyException.Invalid("timeZone", "timeZone must be an IANA time zone such as Asia/Shanghai.");
        var now = clock.GetUtcNow();
        if (request.PausedUntil is { } until && until > now.AddDays(366)) throw ParleyException.Invalid("pausedUntil", "Notifications can be paused for at most a year.");
        long? paused = request.PausedUntil is { } u && u > now ? u.ToUnixTimeMilliseconds() : null;
        var row = new PushStore.SettingsRow
        {
            UserId = userId, HideContent = request.HideContent, QuietStart = start, QuietEnd = end, TimeZone = request.TimeZone, PausedUntil = paused,
        };
        await writer.ExecuteAsync(w =>
        {
            PushStore.SaveSettings(w, row);
            return 0;
        });
        return await SettingsAsync(userId);
    }

    private static string ValidEndpoint(string? endpoint, PushOptions o)
    {
        if (string.IsNullOrEmpty(endpoint) || endpoint.Length > MaxEndpointLength || !endpoint.All(char.IsAscii)
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
            throw ParleyException.Invalid("endpoint", $"endpoint must be an absolute URL of at most {MaxEndpointLength} ASCII characters.");
        if (!(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && o.AllowInsecureEndpoints)))
            throw ParleyException.Invalid("endpoint", "endpoint must be an https URL.");
        var host = uri.IdnHost;
        if (!o.EndpointHosts.Any(h => h == "*" || host.Equals(h, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase)))
            throw ParleyException.Invalid("endpoint", $"Push endpoints on {host} are not accepted by this server (Parley:Push:AllowedEndpointHosts).");
        return endpoint;
    }

    private static ParleyException LimitReached(PushOptions o) =>
        new(409, ErrorCodes.PushSubscriptionLimit, $"At most {o.MaxSubscriptionsPerUser} devices can receive notifications; remove one first.");

    private static PushSubscriptionDto ToDto(PushStore.SubscriptionRow r) =>
        new(r.Id, r.UserAgent, new Uri(r.Endpoint).Host, r.Language, UnixMs.To(r.CreatedAt), r.LastSuccessAt is { } t ? UnixMs.To(t) : null, r.LastError);
}

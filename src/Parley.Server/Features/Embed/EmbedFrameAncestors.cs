using Microsoft.Extensions.Options;

namespace Parley.Server.Features.Embed;

/// <summary>
/// The CSP frame-ancestors sources of /embed pages: Parley:Embed:FrameAncestors plus every live application's
/// origins. Read per page load, so the list is kept for <see cref="Refresh"/>: a change on this node applies at once,
/// one made on another node within that time.
/// </summary>
public sealed class EmbedFrameAncestors(EmbedStore store, IOptionsMonitor<EmbedOptions> options)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);

    /// <summary>HttpContext.Items key under which the embed page's sources travel to the static file headers.</summary>
    public const string ItemKey = "parley.embed.frame-ancestors";

    private volatile Cached? _cached;
    private sealed record Cached(string Sources, DateTimeOffset At);

    public void Invalidate() => _cached = null;

    /// <summary>The source list to send ("'none'" when nothing may frame /embed).</summary>
    public async ValueTask<string> SourcesAsync()
    {
        if (_cached is { } c && DateTimeOffset.UtcNow - c.At < Refresh) return c.Sources;
        var sources = options.CurrentValue.FrameAncestorSources.Concat(await store.AllOriginsAsync()).Distinct(StringComparer.Ordinal).ToList();
        var value = sources.Count == 0 ? "'none'" : string.Join(' ', sources);
        _cached = new Cached(value, DateTimeOffset.UtcNow);
        return value;
    }

    /// <summary>Whether Parley:Embed:FrameAncestors names this exact origin (wildcards and 'self' are left to the browser).</summary>
    public bool ConfiguredAllows(string origin) =>
        options.CurrentValue.FrameAncestorSources.Any(s => string.Equals(EmbedOrigins.Normalize(s), origin, StringComparison.Ordinal));

    /// <summary>
    /// Before the web client's files: a page under /embed gets its own frame-ancestors (see WebClient). Any other
    /// request goes straight on, so no frame of this middleware stays alive under a long request (a hub WebSocket).
    /// </summary>
    public static Task Middleware(HttpContext http, RequestDelegate next) =>
        http.Request.Path.StartsWithSegments("/embed", StringComparison.OrdinalIgnoreCase) ? WithSourcesAsync(http, next) : next(http);

    private static async Task WithSourcesAsync(HttpContext http, RequestDelegate next)
    {
        http.Items[ItemKey] = await http.RequestServices.GetRequiredService<EmbedFrameAncestors>().SourcesAsync();
        await next(http);
    }
}

using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

/// <summary>
/// Serves the built web client (wwwroot, produced from web/ by the build) and falls back to index.html
/// for client-side routes. Hashed assets are cached for a year; index.html and the service worker never. Text files go
/// out as the build's Brotli or gzip copies (<see cref="PrecompressedFiles"/>).
/// The page carries the security headers of <see cref="PageHeaders"/>, whether it is served for `/` or for a client route.
/// </summary>
public static class WebClient
{
    public static void UseWebClient(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UsePrecompressedFiles();
        app.UseStaticFiles(StaticFiles(app));
    }

    public static void MapWebClientFallback(this WebApplication app)
    {
        var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!index.Exists || index is NotFoundFileInfo)
        {
            app.MapGet("/", () => Results.Text(
                "Parley is running. The web client is not built: run `npm ci && npm run build` in web/ (the server build does it when npm is installed). API reference: /api/reference",
                "text/plain")).AllowAnonymous().ExcludeFromDescription();
            return;
        }
        // Client-side routes get index.html; API and OpenAPI paths never do (they answer 404 problems).
        // `nonfile` leaves paths with an extension (assets, icons) to the static files middleware.
        // The same options as UseWebClient: without them the fallback served index.html with none of its headers.
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api/|openapi/|scim/).*$)}", "index.html", StaticFiles(app)).AllowAnonymous();
    }

    private static StaticFileOptions StaticFiles(WebApplication app)
    {
        var sfuOrigin = app.Services.GetRequiredService<IOptions<Features.Calls.Sfu.JanusOptions>>().Value.ClientOrigin;
        var page = PageHeaders(app.Services.GetRequiredService<IOptions<WebOptions>>().Value, sfuOrigin);
        return new StaticFileOptions
        {
            ContentTypeProvider = new PrecompressedFiles.ContentTypes(),
            OnPrepareResponse = ctx =>
            {
                var headers = ctx.Context.Response.Headers;
                var path = ctx.Context.Request.Path.Value ?? "";
                headers.XContentTypeOptions = "nosniff";
                // Hashed names change with their content, so a cached copy is never stale; everything else (index.html,
                // sw.js, the manifest and icons) is revalidated on every use so a release reaches the browser at once.
                headers.CacheControl = path.StartsWith("/assets/", StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
                if (PrecompressedFiles.EncodingOf(ctx.File.Name) is { } encoding) headers.ContentEncoding = encoding;
                if (PrecompressedFiles.OriginalName(ctx.File.Name).EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    // /embed (Features/Embed/EmbedFrameAncestors): the applications' origins may frame it; nothing else may.
                    var headersOfPage = ctx.Context.Items[Features.Embed.EmbedFrameAncestors.ItemKey] is string embed ? PageHeaders(embed, sfuOrigin) : page;
                    foreach (var (name, value) in headersOfPage) headers[name] = value;
                }
            },
        };
    }

    /// <summary>
    /// The page's policy, from what the built client actually loads (docs/security.md):
    /// scripts and styles are files from /assets (Vite emits no inline script or style; React's style props are set
    /// through the CSSOM, which CSP does not govern); images are same-origin signed file links, blob: previews of
    /// local uploads and data:; video and audio are signed links; a PDF is shown in an &lt;object&gt;; the API and the
    /// hub's WebSocket are same-origin ('self' covers ws:/wss: to the same host, CSP Level 3); the service worker is
    /// /sw.js. External Markdown images are not loaded by the page at all (a link the user opens, web/src markdown.ts).
    /// A group call talks to the SFU's API itself: its origin (<c>sfuOrigin</c>, from Parley:Calls:Janus:ClientUrl) is
    /// the one other origin the page may connect to.
    /// </summary>
    internal static IReadOnlyList<(string Name, string Value)> PageHeaders(WebOptions options, string? sfuOrigin = null) =>
        PageHeaders(options.NormalizedFrameAncestors, sfuOrigin);

    private static IReadOnlyList<(string Name, string Value)> PageHeaders(string ancestors, string? sfuOrigin)
    {
        var csp = string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",
            "font-src 'self'",
            sfuOrigin is null ? "connect-src 'self'" : $"connect-src 'self' {sfuOrigin}",
            "object-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            $"frame-ancestors {ancestors}");
        var headers = new List<(string, string)>
        {
            ("Content-Security-Policy", csp),
            // No Referer at all: links and the rare external request would otherwise tell other sites the chat server's
            // (often internal) host name; same-origin requests do not need it (the API authenticates by bearer token).
            ("Referrer-Policy", "no-referrer"),
        };
        // Older browsers that ignore frame-ancestors: X-Frame-Options can say only DENY or SAMEORIGIN, not a list.
        if (ancestors == "'none'") headers.Add(("X-Frame-Options", "DENY"));
        else if (ancestors == "'self'") headers.Add(("X-Frame-Options", "SAMEORIGIN"));
        return headers;
    }
}

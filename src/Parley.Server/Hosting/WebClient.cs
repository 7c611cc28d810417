using Microsoft.Extensions.FileProviders;

namespace Parley.Server.Hosting;

/// <summary>
/// Serves the built web client (wwwroot, produced from web/ by the build) and falls back to index.html
/// for client-side routes. Hashed assets are cached for a year; index.html and the service worker never.
/// </summary>
public static class WebClient
{
    public static void UseWebClient(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx =>
            {
                var path = ctx.Context.Request.Path.Value ?? "";
                ctx.Context.Response.Headers.XContentTypeOptions = "nosniff";
                ctx.Context.Response.Headers.CacheControl = path.StartsWith("/assets/", StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });
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
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api/|openapi/).*$)}", "index.html").AllowAnonymous();
    }
}

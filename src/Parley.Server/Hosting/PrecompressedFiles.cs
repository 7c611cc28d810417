using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Parley.Server.Hosting;

/// <summary>
/// Serves the build's Brotli and gzip copies of the web client (web/scripts/precompress.ts writes <c>x.js.br</c> and
/// <c>x.js.gz</c> beside <c>x.js</c>): the request is pointed at the copy the browser accepts, and the static files
/// middleware sends it with the original's content type and <c>Content-Encoding</c>. Compressing at build time costs
/// nothing per request and allows Brotli 11, far too slow to run per response (issue 22: the sign-in page's
/// JavaScript went from 557 KiB to under 90 KiB on the wire). MapStaticAssets does the same from the SDK's static web
/// assets manifest, which this project turns off (wwwroot is produced by npm during the build, WebClient.targets).
/// </summary>
public static class PrecompressedFiles
{
    private static readonly (string Token, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>Before UseStaticFiles (after UseDefaultFiles, so `/` is already `/index.html`).</summary>
    public static void UsePrecompressedFiles(this WebApplication app)
    {
        var files = app.Environment.WebRootFileProvider;
        app.Use((context, next) =>
        {
            var request = context.Request;
            var path = request.Path.Value;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && path is not null
                && Path.HasExtension(path) && EncodingOf(path) is null && !path.StartsWith("/api/", StringComparison.Ordinal))
            {
                var hasCopy = false;
                string? chosen = null;
                foreach (var (token, suffix) in Encodings)
                {
                    if (!files.GetFileInfo(path + suffix).Exists) continue;
                    hasCopy = true;
                    if (chosen is null && Accepts(request, token)) chosen = suffix;
                }
                // Caches (the browser's, a proxy's) must key the file by Accept-Encoding once it has several forms.
                if (hasCopy) context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
                if (chosen is not null) request.Path = path + chosen;
            }
            return next(context);
        });
    }

    /// <summary>The encoding a served file carries: "br" for <c>x.br</c>, "gzip" for <c>x.gz</c>, otherwise none.</summary>
    public static string? EncodingOf(string fileName)
    {
        foreach (var (token, suffix) in Encodings)
            if (fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return token;
        return null;
    }

    /// <summary>The original's name: <c>x.js</c> for <c>x.js.br</c>.</summary>
    public static string OriginalName(string fileName) =>
        EncodingOf(fileName) is null ? fileName : fileName[..fileName.LastIndexOf('.')];

    private static bool Accepts(HttpRequest request, string token)
    {
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
            if (string.Equals(value.Value.Value, token, StringComparison.OrdinalIgnoreCase) && (value.Quality ?? 1) > 0) return true;
        return false;
    }

    /// <summary>Content types by the original's extension, so <c>x.js.br</c> is sent as JavaScript.</summary>
    public sealed class ContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _inner = new();

        public bool TryGetContentType(string subpath, out string contentType) =>
            _inner.TryGetContentType(OriginalName(subpath), out contentType!);
    }
}

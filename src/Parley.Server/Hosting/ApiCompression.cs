using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

/// <summary>
/// Brotli or gzip (fastest level) for the API's JSON answers: conversation lists, sync batches and message pages are
/// repetitive JSON that shrinks several-fold, which matters on a phone (issue 22). Static files are not handled here:
/// they go out precompressed (<see cref="PrecompressedFiles"/>).
/// <para>
/// BREACH: compressing a response that holds a secret next to text an attacker can get reflected into it lets the
/// attacker guess the secret from the compressed length. Every response that carries a secret is left uncompressed:
/// only GET is compressed (sign-in, first-run setup, hub tickets and signed file links are all POST answers), nothing
/// under /api/v1/auth is compressed, and the hub never is. GET answers carry no token, ticket or signed link.
/// </para>
/// </summary>
public static class ApiCompression
{
    /// <summary>
    /// Below this a known-length body is sent as it is: the saving would not pay for the work. (Most JSON answers are
    /// written without a length; those are compressed: a small one then costs a few microseconds at the fastest level.)
    /// </summary>
    public const int MinBytes = 1024;

    public static void AddApiCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // safe because of the exclusions above (BREACH)
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["application/json", "application/problem+json"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, SecretAwareProvider>();
    }

    /// <summary>Which responses may be compressed (see the class's BREACH note).</summary>
    internal static bool MayCompress(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/api/v1/auth")
        && !context.Request.Path.StartsWithSegments(Parley.Contracts.HubNames.Path)
        && context.Response.ContentLength is null or >= MinBytes;

    private sealed class SecretAwareProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) => MayCompress(context) && base.ShouldCompressResponse(context);
    }
}

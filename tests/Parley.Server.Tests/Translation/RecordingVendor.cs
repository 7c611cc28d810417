using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Translation;

/// <summary>
/// For contract tests only: a local HTTP server standing in for cloud translation vendors and an OpenAI-compatible
/// model server (none can run here). It records every request as received and answers with the JSON a test scripted
/// for the first path segment (<c>/deepl/…</c>, <c>/baidu</c> …). It checks nothing itself: the tests recompute each
/// vendor's signature from the recorded request and compare.
/// </summary>
public sealed class RecordingVendor : IAsyncDisposable
{
    public sealed record Request(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly ConcurrentDictionary<string, string> _answers = new();

    private RecordingVendor(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    public IReadOnlyList<Request> Requests => [.. _requests];

    public void Answer(string segment, string json) => _answers[segment] = json;

    public static async Task<RecordingVendor> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var vendor = new RecordingVendor(app);
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            vendor._requests.Enqueue(new Request(http.Request.Method, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "", headers, body));
            var segment = (http.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (!vendor._answers.TryGetValue(segment, out var answer))
            {
                http.Response.StatusCode = 500;
                return;
            }
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(answer);
        });
        await app.StartAsync();
        vendor.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return vendor;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

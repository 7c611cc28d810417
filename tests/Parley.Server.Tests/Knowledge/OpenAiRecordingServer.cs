using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Server.Tests.Knowledge;

/// <summary>
/// A recording stand-in for an OpenAI-compatible chat completions server, for CONTRACT tests only: no language model
/// can be installed here, so this checks what Parley sends (model, key, messages) and streams a scripted answer the way
/// the OpenAI API does (server-sent events of <c>chat.completion.chunk</c> objects, a last chunk with <c>usage</c>, then
/// <c>[DONE]</c>). It says nothing about the quality of any model's answers. In-process Kestrel on a loopback port.
/// </summary>
public sealed class OpenAiRecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Recorded(string? Authorization, string Path, JsonElement Body)
    {
        /// <summary>Every message's content joined, for "was this text sent" checks.</summary>
        public string AllContent => string.Join("\n", Body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").ToString()));
    }

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    /// <summary>The answer streamed back, split into chunks of a few characters.</summary>
    public string Reply { get; set; } = "";
    public (int Prompt, int Completion) Usage { get; set; } = (120, 30);

    /// <summary>The base address Parley:Ai:Endpoint takes (the client appends /chat/completions).</summary>
    public string Endpoint { get; }

    private OpenAiRecordingServer(WebApplication app, string endpoint) => (_app, Endpoint) = (app, endpoint);

    /// <summary>Parley's settings for a provider enabled against this server (model "contract-model"), plus <paramref name="more"/>.</summary>
    public Dictionary<string, string?> ProviderSettings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Parley:Ai:Enabled"] = "true", ["Parley:Ai:Endpoint"] = Endpoint, ["Parley:Ai:Model"] = "contract-model" };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    public static async Task<OpenAiRecordingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        OpenAiRecordingServer? self = null;
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body);
            self!.Requests.Enqueue(new Recorded(http.Request.Headers.Authorization.ToString(), http.Request.Path, doc.RootElement.Clone()));
            http.Response.ContentType = "text/event-stream";
            var model = doc.RootElement.GetProperty("model").GetString();
            async Task Send(object chunk)
            {
                await http.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n");
                await http.Response.Body.FlushAsync();
            }
            object Chunk(object[] choices, object? usage = null) =>
                new { id = "chatcmpl-test", @object = "chat.completion.chunk", created = 1_700_000_000, model, choices, usage };
            await Send(Chunk([new { index = 0, delta = new { role = "assistant", content = "" }, finish_reason = (string?)null }]));
            foreach (var piece in self.Reply.Chunk(8).Select(c => new string(c)))
                await Send(Chunk([new { index = 0, delta = new { content = piece }, finish_reason = (string?)null }]));
            await Send(Chunk([new { index = 0, delta = new { }, finish_reason = "stop" }]));
            await Send(Chunk([], new { prompt_tokens = self.Usage.Prompt, completion_tokens = self.Usage.Completion, total_tokens = self.Usage.Prompt + self.Usage.Completion }));
            await http.Response.WriteAsync("data: [DONE]\n\n");
        });
        await app.StartAsync();
        self = new OpenAiRecordingServer(app, app.Urls.First().TrimEnd('/') + "/v1");
        return self;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

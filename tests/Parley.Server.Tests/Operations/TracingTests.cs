using System.Net;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Operations;

/// <summary>
/// With Parley:Telemetry:OtlpEndpoint set, the real OTLP exporter posts spans of HTTP requests, hub calls, group commits
/// and database opens to a collector; here a loopback HTTP listener stands in for the collector and the protobuf body is
/// searched for the span names (protobuf keeps strings as plain UTF-8).
/// </summary>
public class TracingTests
{
    [Fact]
    public async Task Traces_WithAnOtlpEndpoint_ReachTheCollector_ForHttpHubWriterAndDatabase()
    {
        var port = Ports.Free();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new StringBuilder();
        var receiving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await collector.GetContextAsync(); }
                catch (Exception) { return; }
                using var ms = new MemoryStream();
                await ctx.Request.InputStream.CopyToAsync(ms);
                lock (received) received.Append(ctx.Request.Url!.AbsolutePath).Append(' ').Append(ctx.Request.ContentType).Append('\n')
                    .Append(Encoding.UTF8.GetString(ms.ToArray())).Append('\n');
                ctx.Response.StatusCode = 200;
                ctx.Response.Close();
            }
        });

        await using (var server = await TestServer.StartAsync(new Dictionary<string, string?>
                     {
                         ["Parley:Telemetry:OtlpEndpoint"] = $"http://127.0.0.1:{port}/v1/traces",
                         ["Parley:Telemetry:OtlpProtocol"] = "http",
                     }))
        {
            var alice = await server.UserAsync();
            var bob = await server.UserAsync();
            var dm = await alice.CreateAsync(ConversationKinds.Direct, null, bob.Id);
            await using var hub = server.Hub(alice.Token);
            await hub.StartAsync();
            await hub.InvokeAsync<MessageDto>(HubNames.SendMessage, dm.Id, "traced", "t-1");
            await alice.MessagesAsync(dm.Id);
        } // disposing the host flushes the batch exporter

        var deadline = DateTime.UtcNow.AddSeconds(15);
        string text;
        do
        {
            lock (received) text = received.ToString();
            if (text.Contains("writer.commit", StringComparison.Ordinal) && text.Contains("hub SendMessage", StringComparison.Ordinal)) break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        collector.Stop();

        Assert.Contains("/v1/traces application/x-protobuf", text, StringComparison.Ordinal);
        Assert.Contains("writer.commit", text, StringComparison.Ordinal);
        Assert.Contains("hub SendMessage", text, StringComparison.Ordinal);
        Assert.Contains("db.open", text, StringComparison.Ordinal);
        Assert.Contains("/api/v1/conversations/{id:long}/messages", text, StringComparison.Ordinal); // ASP.NET Core's request span
        Assert.Contains("parley", text, StringComparison.Ordinal); // service.name
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Contracts;
using Parley.Server.Features.Urgent.Escalation;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Urgent;

/// <summary>
/// The escalation job against a real HTTP receiver (Kestrel on loopback, in this process): a target who has not
/// acknowledged in time is escalated once, signed; one who acknowledged is not; a failed delivery is tried again.
/// </summary>
public class UrgentEscalationTests : IAsyncLifetime
{
    private const string Secret = "test-secret-0123456789";
    private sealed record Delivery(string Body, string Signature, string Timestamp, string Id);

    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private int _requests;
    private WebApplication _receiver = null!;
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            _deliveries.Enqueue(new Delivery(body, http.Request.Headers[WebhookUrgentEscalation.SignatureHeader].ToString(),
                http.Request.Headers[WebhookUrgentEscalation.TimestampHeader].ToString(), http.Request.Headers[WebhookUrgentEscalation.DeliveryHeader].ToString()));
            // The first delivery fails: the job must try that target again, and only that one.
            return Interlocked.Increment(ref _requests) == 1 ? Results.StatusCode(503) : Results.NoContent();
        });
        await _receiver.StartAsync();
        var url = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Urgent:EscalateAfter"] = "00:00:01.5",
            ["Parley:Urgent:EscalationPollInterval"] = "00:00:00.2",
            ["Parley:Urgent:Webhook:Url"] = url,
            ["Parley:Urgent:Webhook:Secret"] = Secret,
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Unacknowledged_IsEscalatedOnceAfterTheDelay_Signed_AcknowledgedIsNot()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "night shift", bob.Id, carol.Id);
        var sentAt = DateTimeOffset.UtcNow;
        var m = await alice.Ok<MessageDto>(UrgentTests.SendUrgent(alice, g.Id, "database down", bob.Id, carol.Id));
        await bob.Ok<UrgentStateDto>(bob.Http.PostAsync($"/api/v1/messages/{m.Id}/urgent/ack", null));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (_deliveries.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(_deliveries.Count >= 2, $"expected a failed delivery and its retry, got {_deliveries.Count}");
        Assert.True(DateTimeOffset.UtcNow - sentAt >= TimeSpan.FromSeconds(1.5), "escalated before EscalateAfter");
        await Task.Delay(1500); // several more polls: nothing else may come
        var all = _deliveries.ToArray();
        Assert.Equal(2, all.Length);

        foreach (var (d, attempt) in all.Select((d, i) => (d, i + 1)))
        {
            Assert.Equal("sha256=" + WebhookUrgentEscalation.Sign(Secret, d.Timestamp, Encoding.UTF8.GetBytes(d.Body)), d.Signature);
            Assert.NotEqual("sha256=" + WebhookUrgentEscalation.Sign("another-secret-0123456", d.Timestamp, Encoding.UTF8.GetBytes(d.Body)), d.Signature);
            using var json = JsonDocument.Parse(d.Body);
            var root = json.RootElement;
            Assert.Equal($"{m.Id}:{carol.Id}", d.Id);
            Assert.Equal(("urgent.escalation", m.Id, carol.Id, alice.Id, attempt),
                (root.GetProperty("type").GetString(), root.GetProperty("messageId").GetInt64(), root.GetProperty("target").GetProperty("id").GetInt64(),
                 root.GetProperty("sender").GetProperty("id").GetInt64(), root.GetProperty("attempt").GetInt32()));
            Assert.Equal(carol.User.Username, root.GetProperty("target").GetProperty("username").GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("preview").ValueKind); // the text stays inside unless IncludePreview
        }

        // Acknowledging after the escalation still works and clears the banner.
        await carol.Ok<UrgentStateDto>(carol.Http.PostAsync($"/api/v1/messages/{m.Id}/urgent/ack", null));
        Assert.Empty((await carol.Ok<ListResponse<PendingUrgentDto>>(carol.Http.GetAsync("/api/v1/urgent/pending"))).Items);
    }
}

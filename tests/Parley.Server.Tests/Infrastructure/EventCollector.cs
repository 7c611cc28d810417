using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Records every `event` a hub connection receives and lets a test wait for one that matches.</summary>
public sealed class EventCollector
{
    private readonly ConcurrentQueue<ReceivedEvent> _events = new();
    private readonly SemaphoreSlim _signal = new(0);

    public EventCollector(HubConnection hub, bool messagePack = false)
    {
        if (messagePack)
        {
            // MessagePack carries the envelope as a map; `data` arrives as a generic map whose keys are the
            // server's member names. Re-encode it as JSON so tests read both protocols the same way.
            hub.On<EventDto>(HubNames.Event, e =>
            {
                _events.Enqueue(new ReceivedEvent(e.Type, e.ConversationId, e.Seq, JsonSerializer.SerializeToElement(e.Data)));
                _signal.Release();
            });
            return;
        }
        hub.On<JsonElement>(HubNames.Event, e =>
        {
            _events.Enqueue(new ReceivedEvent(
                e.GetProperty("type").GetString()!,
                e.GetProperty("conversationId").GetInt64(),
                e.GetProperty("seq").ValueKind == JsonValueKind.Number ? e.GetProperty("seq").GetInt64() : null,
                e.GetProperty("data")));
            _signal.Release();
        });
    }

    public IReadOnlyList<ReceivedEvent> All => _events.ToArray();

    public async Task<ReceivedEvent> WaitAsync(Func<ReceivedEvent, bool> match, string what, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var found = _events.FirstOrDefault(match);
            if (found is not null) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}; received: {string.Join(", ", _events.Select(e => $"{e.Type}#{e.Seq}"))}");
            await _signal.WaitAsync(left);
        }
    }
}

public sealed record ReceivedEvent(string Type, long ConversationId, long? Seq, JsonElement Data);

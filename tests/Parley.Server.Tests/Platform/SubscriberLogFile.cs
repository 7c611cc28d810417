using System.Globalization;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Platform;

/// <summary>What tests/Parley.TestHost's FileSubscriber delivered: one line per event, possibly repeated (at least once).</summary>
public sealed record Delivery(long EventId, long ConversationId, long Seq, int Pid);

public static class SubscriberLogFile
{
    public static List<Delivery> Read(params string[] paths) =>
        paths.Where(File.Exists).SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Select(l => l.Split(' ')).Where(p => p.Length >= 4)
            .Select(p => new Delivery(long.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture),
                long.Parse(p[2], CultureInfo.InvariantCulture), int.Parse(p[3], CultureInfo.InvariantCulture))).ToList();

    /// <summary>Every (conversation, seq) in the log of these conversations, read through the API.</summary>
    public static async Task<HashSet<(long, long)>> LoggedAsync(Uri server, string token, IEnumerable<long> conversations)
    {
        using var http = new HttpClient { BaseAddress = server };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var all = new HashSet<(long, long)>();
        foreach (var c in conversations)
        {
            long after = 0;
            while (true)
            {
                var page = (await http.GetFromJsonAsync<ListResponse<EventDto>>($"/api/v1/conversations/{c}/events?afterSeq={after}&limit=1000"))!.Items;
                if (page.Count == 0) break;
                foreach (var e in page) all.Add((c, e.Seq!.Value));
                after = page[^1].Seq!.Value;
            }
        }
        return all;
    }

    /// <summary>Waits until the deliveries cover every logged event; fails naming what is missing.</summary>
    public static async Task<List<Delivery>> WaitForAllAsync(Func<List<Delivery>> read, HashSet<(long, long)> logged, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<Delivery> seen;
        while (true)
        {
            seen = read();
            var missing = logged.Except(seen.Select(d => (d.ConversationId, d.Seq))).ToList();
            if (missing.Count == 0) return seen;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"{missing.Count} committed events were never delivered to the subscriber, e.g. {string.Join(", ", missing.Take(5))}");
            await Task.Delay(200);
        }
    }
}

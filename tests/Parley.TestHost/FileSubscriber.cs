using System.Globalization;
using System.Text;
using Parley.Server.Cluster;
using Parley.Server.Platform.Subscribers;

namespace Parley.TestHost;

/// <summary>
/// Appends "eventId conversationId seq pid" per delivered event to PARLEY_TESTHOST_LOG and flushes to disk before
/// acknowledging, so the file holds at least what was acknowledged when the process is killed. PARLEY_TESTHOST_DELAY_MS
/// slows each batch to widen the window in which a kill lands between handling and acknowledging.
/// </summary>
public sealed class FileSubscriber(ClusterOptions cluster) : IEventSubscriber
{
    private readonly string _path = Environment.GetEnvironmentVariable("PARLEY_TESTHOST_LOG")
        ?? throw new InvalidOperationException("PARLEY_TESTHOST_LOG is not set.");
    private readonly int _delayMs = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_TESTHOST_DELAY_MS"), out var d) ? d : 0;

    public string Name => "testhost-file";
    public string Stream => EventStreams.Conversations;
    public int BatchSize => 5;

    public async Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        foreach (var e in batch)
            lines.Append(CultureInfo.InvariantCulture, $"{e.Id} {e.ConversationId} {e.Seq} {Environment.ProcessId} {cluster.NodeId}\n");
        await using (var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            await file.WriteAsync(Encoding.UTF8.GetBytes(lines.ToString()), cancellationToken);
            await file.FlushAsync(cancellationToken);
            RandomAccess.FlushToDisk(file.SafeFileHandle); // no asynchronous fsync in .NET
        }
        if (_delayMs > 0) await Task.Delay(_delayMs, cancellationToken);
    }
}

using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Realtime;

namespace Parley.Server.Storage;

/// <summary>
/// The single writer with group commit (DESIGN.md §3). Every mutation is queued here; one dedicated
/// thread drains whatever is waiting (up to MaxBatch), runs each operation inside its own SAVEPOINT
/// of one transaction, commits once (one fsync for the whole batch), and only then completes each
/// caller and publishes their events. A failed operation rolls back to its savepoint and fails alone.
/// Because one thread writes, seq allocation and check-then-insert inside an operation cannot race on one node.
/// With PostgreSQL several nodes write at once: seqs stay gap-free because taking one locks the conversation row
/// until commit, and an operation that loses a race to another node (unique violation, deadlock, serialization
/// failure) is rolled back to its savepoint and run again, when it sees the other node's committed row.
/// A lost connection fails the batch with a retryable 503 (never acknowledged) and is reopened with backoff.
/// </summary>
public sealed class WriteQueue : IHostedService, IDisposable
{
    private readonly Channel<IWriteItem> _channel = Channel.CreateUnbounded<IWriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Database _database;
    private readonly IEventBus _bus;
    private readonly ILogger<WriteQueue> _logger;
    private readonly int _maxBatch;
    private Thread? _thread;
    private DbConnection? _connection;
    private TimeSpan _backoff = TimeSpan.Zero;
    private DateTime _reconnectAfter = DateTime.MinValue;
    private const int MaxAttempts = 4;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Operations.Metrics.ParleyMetrics? _metrics;

    public WriteQueue(Database database, IEventBus bus, IOptions<StorageOptions> options, ILogger<WriteQueue> logger,
        Operations.Metrics.ParleyMetrics? metrics = null)
    {
        _metrics = metrics;
        _database = database;
        _bus = bus;
        _logger = logger;
        _maxBatch = Math.Max(1, options.Value.MaxBatch);
    }

    public Task<T> ExecuteAsync<T>(Func<WriteContext, T> operation)
    {
        var item = new WriteItem<T>(operation);
        Interlocked.Increment(ref _depth);
        if (!_channel.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _depth);
            throw new ParleyException(503, ErrorCodes.Unavailable, "The server is shutting down; retry on another node or later.", TimeSpan.FromSeconds(1));
        }
        return item.Completion.Task;
    }

    /// <summary>Writes waiting for the writer thread (a single-reader channel cannot count itself).</summary>
    public int Depth => Volatile.Read(ref _depth);
    private int _depth;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "parley-writer" };
        _thread.Start();
        return Task.CompletedTask;
    }

    /// <summary>Graceful shutdown: refuse new writes, commit everything already queued, answer every caller.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        await _stopped.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Run()
    {
        var batch = new List<IWriteItem>(_maxBatch);
        try
        {
            var reader = _channel.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                batch.Clear();
                while (batch.Count < _maxBatch && reader.TryRead(out var item)) batch.Add(item);
                Interlocked.Add(ref _depth, -batch.Count);
                if (batch.Count > 0) CommitBatch(batch);
            }
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "The database writer stopped unexpectedly");
            foreach (var item in batch) item.Fail(ex);
        }
        finally
        {
            _connection?.Dispose();
            _stopped.TrySetResult();
        }
    }

    private void CommitBatch(List<IWriteItem> batch)
    {
        var events = new List<EventDto>();
        List<(IReadOnlyCollection<long>, EventDto)>? toUsers = null;
        var wroteSystem = false;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var activity = Operations.Tracing.ParleyActivities.Writer.StartActivity("writer.commit");
        activity?.SetTag("parley.batch.size", batch.Count);
        try
        {
            var connection = Connection();
            using var tx = connection.BeginTransaction();
            var ctx = new WriteContext(connection, tx) { NowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
            foreach (var item in batch)
            {
                for (var attempt = 1; ; attempt++)
                {
                    connection.Execute("SAVEPOINT op", transaction: tx);
                    ctx.Pending.Clear();
                    ctx.PendingToUsers?.Clear();
                    ctx.WroteSystemEvent = false;
                    if (item.Run(ctx))
                    {
                        connection.Execute("RELEASE op", transaction: tx);
                        wroteSystem |= ctx.WroteSystemEvent;
                        events.AddRange(ctx.Pending);
                        if (ctx.PendingToUsers is { Count: > 0 } addressed) (toUsers ??= []).AddRange(addressed);
                        break;
                    }
                    connection.Execute("ROLLBACK TO op; RELEASE op", transaction: tx);
                    if (attempt == MaxAttempts || !IsLostRace(item.Error)) break;
                    item.Reset();
                }
            }
            tx.Commit();
            _backoff = TimeSpan.Zero;
        }
        catch (Exception ex)
        {
            // The connection or the commit failed (database restarting, disk full): nothing of this batch is known to be
            // durable, so nobody is acknowledged. Clients retry with their clientMsgId, which finds a write that did land.
            _logger.LogError(ex, "Group commit of {Count} writes failed", batch.Count);
            _metrics?.CommitFailures.Inc();
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            Disconnect();
            var error = new ParleyException(503, ErrorCodes.Unavailable, "The write could not be committed; retry.", TimeSpan.FromSeconds(1));
            foreach (var item in batch) item.Fail(error);
            return;
        }
        if (_metrics is { } m)
        {
            m.CommitSeconds.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            m.BatchSize.Observe(batch.Count);
        }
        foreach (var item in batch) item.Complete();
        if (events.Count > 0) _bus.Publish(events);
        if (toUsers is not null) foreach (var (users, e) in toUsers) _bus.PublishToUsers(users, e);
        if (Committed is { } committed && (events.Count > 0 || wroteSystem)) committed(new CommitSignal(events.Count > 0, wroteSystem));
    }

    /// <summary>
    /// Raised on the writer thread after a commit that published conversation events or wrote to the system stream;
    /// handlers must only signal (durable subscribers of that stream wake on it).
    /// </summary>
    public event Action<CommitSignal>? Committed;

    private DbConnection Connection()
    {
        if (_connection is not null) return _connection;
        if (DateTime.UtcNow < _reconnectAfter) throw new InvalidOperationException("The database is unavailable; waiting before reconnecting.");
        try
        {
            return _connection = _database.OpenWriter();
        }
        catch
        {
            _backoff = _backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            _reconnectAfter = DateTime.UtcNow + _backoff;
            throw;
        }
    }

    private void Disconnect()
    {
        _connection?.Dispose();
        _connection = null;
        _database.ClearPool();
    }

    /// <summary>Another node committed the same row first (unique key, deadlock, serialization): running again sees its row.</summary>
    private static bool IsLostRace(Exception? error) =>
        error is DbException { SqlState: "23505" or "40P01" or "40001" };

    public void Dispose() => _channel.Writer.TryComplete();

    private interface IWriteItem
    {
        /// <summary>Runs the operation; false when it failed (its error is kept until the batch is settled).</summary>
        bool Run(WriteContext ctx);
        Exception? Error { get; }
        void Reset();
        void Complete();
        void Fail(Exception error);
    }

    private sealed class WriteItem<T>(Func<WriteContext, T> operation) : IWriteItem
    {
        private T? _result;
        private Exception? _error;
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Exception? Error => _error;

        public void Reset() => _error = null;

        public bool Run(WriteContext ctx)
        {
            try
            {
                _result = operation(ctx);
                return true;
            }
            catch (Exception ex)
            {
                _error = ex;
                return false;
            }
        }

        public void Complete()
        {
            if (_error is null) Completion.TrySetResult(_result!);
            else Completion.TrySetException(_error);
        }

        public void Fail(Exception error) => Completion.TrySetException(error);
    }
}

/// <summary>What a commit touched: conversation events (logged or ephemeral) and the system stream.</summary>
public readonly record struct CommitSignal(bool ConversationEvents, bool SystemEvents);

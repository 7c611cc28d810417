using Prometheus;

namespace Parley.Server.Operations.Metrics;

/// <summary>
/// Parley's own metric families (prefix <c>parley_</c>), in a registry of this host (two servers in one test process
/// do not share counters). The hot paths (writer, dispatcher, sends) use label-free instruments or children bound once
/// here: an increment is one interlocked add, with no allocation and no lock. Everything that needs a query or a scan
/// (queue depth, lag, stored bytes, health) is read at scrape time instead (<see cref="ScrapeProbes"/>).
/// </summary>
public sealed class ParleyMetrics
{
    private readonly Health.RecentErrors? _recent;

    public ParleyMetrics(Health.RecentErrors? recent = null)
    {
        _recent = recent;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);

        HubConnections = f.CreateGauge("parley_hub_connections", "Hub (SignalR) connections open on this node.");
        HubConnectionsOpened = f.CreateCounter("parley_hub_connections_opened_total", "Hub connections accepted since start.");
        MessagesAccepted = f.CreateCounter("parley_messages_accepted_total", "Messages committed and acknowledged (retries of the same clientMsgId not counted).");

        var deliveries = f.CreateCounter("parley_deliveries_pushed_total",
            "Events pushed by this node to its connections: one per event and target (a conversation group, a user's connections, presence watchers, everyone).",
            new CounterConfiguration { LabelNames = ["target"] });
        DeliveredToConversation = deliveries.WithLabels("conversation");
        DeliveredToUsers = deliveries.WithLabels("users");
        DeliveredToWatchers = deliveries.WithLabels("presence");
        DeliveredToAll = deliveries.WithLabels("all");
        DeliveryFailures = f.CreateCounter("parley_delivery_failures_total", "Pushes that failed (clients recover by catch-up).");

        // Batches are 1 under light load and up to MaxBatch (256 by default) under a burst.
        BatchSize = f.CreateHistogram("parley_writer_batch_size", "Writes committed together in one group commit.",
            new HistogramConfiguration { Buckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        // One fsync on a local SSD is 0.1–2 ms; a network disk or PostgreSQL round trip is several ms.
        CommitSeconds = f.CreateHistogram("parley_writer_commit_seconds", "Time to run and commit one group commit (one transaction, one fsync).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });
        CommitFailures = f.CreateCounter("parley_writer_commit_failures_total", "Group commits that failed (nobody acknowledged; clients retry).");
        WriterQueueDepth = f.CreateGauge("parley_writer_queue_depth", "Writes waiting for the writer (read at scrape time).");

        var catchUp = f.CreateCounter("parley_catchup_total",
            "Catch-up reads of a conversation's log (GET …/events?afterSeq=) by outcome: up_to_date (nothing missed), complete (all missed events in one page), paged (more to fetch).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        CatchUpUpToDate = catchUp.WithLabels("up_to_date");
        CatchUpComplete = catchUp.WithLabels("complete");
        CatchUpPaged = catchUp.WithLabels("paged");

        HttpRequests = f.CreateCounter("parley_http_requests_total", "HTTP requests by route template, method and status code.",
            new CounterConfiguration { LabelNames = ["route", "method", "status"] });
        HttpDuration = f.CreateHistogram("parley_http_request_duration_seconds", "HTTP request duration by route template.",
            new HistogramConfiguration { LabelNames = ["route"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        Errors = f.CreateCounter("parley_errors_total", "Errors answered to clients, by stable problem code and transport (http, hub).",
            new CounterConfiguration { LabelNames = ["code", "transport"] });

        SubscriberLag = f.CreateGauge("parley_subscriber_lag_events", "Events a durable subscriber has not processed yet (capped at 10,000; read at scrape time).",
            new GaugeConfiguration { LabelNames = ["subscriber", "stream"] });
        SubscriberFailures = f.CreateGauge("parley_subscriber_failures", "Consecutive failures of a durable subscriber (read at scrape time).",
            new GaugeConfiguration { LabelNames = ["subscriber"] });
        FileBytes = f.CreateGauge("parley_file_bytes_stored", "Bytes of uploaded files (originals and thumbnails) recorded in the database (read at scrape time).");
        Files = f.CreateGauge("parley_files_stored", "Uploaded files recorded in the database (read at scrape time).");
        DependencyUp = f.CreateGauge("parley_dependency_up", "1 when a dependency answers its health check at scrape time, else 0.",
            new GaugeConfiguration { LabelNames = ["dependency"] });
        ScrapeErrors = f.CreateCounter("parley_scrape_probe_failures_total", "Scrape-time probes that failed (the value they set is left as it was).",
            new CounterConfiguration { LabelNames = ["probe"] });
        BackupLastSuccess = f.CreateGauge("parley_backup_last_success_time_seconds", "Unix time of the last successful scheduled backup on this node (0: none yet).");
        BackupBytes = f.CreateGauge("parley_backup_bytes", "Size of the last scheduled backup archive.");
        BackupFailures = f.CreateCounter("parley_backup_failures_total", "Scheduled backups that failed.");
        // A change of the sensitive-word rules compiles them once per node (issue 16); 10,000 rules take ~0.1–0.3 s.
        RuleCompilations = f.CreateCounter("parley_moderation_rule_compilations_total", "Times this node read and compiled its sensitive-word rules (once per change).");
        RuleCompilationSeconds = f.CreateHistogram("parley_moderation_rule_compilation_seconds", "Time to read and compile the sensitive-word rules once.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        Info = f.CreateGauge("parley_build_info", "Always 1; labels carry the version and storage provider of this node.",
            new GaugeConfiguration { LabelNames = ["version", "provider"] });
        StartTime = f.CreateGauge("parley_start_time_seconds", "Unix time this node started.");
        StartTime.SetToTimeUtc(DateTimeOffset.UtcNow);
    }

    public CollectorRegistry Registry { get; }

    public Gauge HubConnections { get; }
    public Counter HubConnectionsOpened { get; }
    public Counter MessagesAccepted { get; }
    public Counter.Child DeliveredToConversation { get; }
    public Counter.Child DeliveredToUsers { get; }
    public Counter.Child DeliveredToWatchers { get; }
    public Counter.Child DeliveredToAll { get; }
    public Counter DeliveryFailures { get; }
    public Histogram BatchSize { get; }
    public Histogram CommitSeconds { get; }
    public Counter CommitFailures { get; }
    public Gauge WriterQueueDepth { get; }
    public Counter.Child CatchUpUpToDate { get; }
    public Counter.Child CatchUpComplete { get; }
    public Counter.Child CatchUpPaged { get; }
    public Counter HttpRequests { get; }
    public Histogram HttpDuration { get; }
    public Counter Errors { get; }
    public Gauge SubscriberLag { get; }
    public Gauge SubscriberFailures { get; }
    public Gauge FileBytes { get; }
    public Gauge Files { get; }
    public Gauge DependencyUp { get; }
    public Counter ScrapeErrors { get; }
    public Gauge BackupLastSuccess { get; }
    public Gauge BackupBytes { get; }
    public Counter BackupFailures { get; }
    public Counter RuleCompilations { get; }
    public Histogram RuleCompilationSeconds { get; }
    public Gauge Info { get; }
    public Gauge StartTime { get; }

    /// <summary>An error answered to a client. Not a hot path (errors are the exception), so the label lookup is fine.</summary>
    public void Error(string code, string transport)
    {
        Errors.WithLabels(code, transport).Inc();
        if (Health.RecentErrors.IsServerSide(code)) _recent?.Add(code, transport);
    }
}

namespace Parley.Server.Features.Compliance;

/// <summary>Parley:Compliance — what is kept for compliance users.</summary>
public sealed class ComplianceOptions
{
    public const string Section = "Parley:Compliance";

    /// <summary>
    /// Keep the text a message had before each edit, deletion or recall, readable by compliance.read holders through
    /// the archive API (the 会话存档 pattern). Off: an edited or erased text is gone for everyone.
    /// </summary>
    public bool KeepMessageHistory { get; set; } = true;

    /// <summary>
    /// Draw the viewer's name and today's date faintly over every conversation in the web client, so a screenshot or
    /// a photo of the screen names who took it (a deterrent, not a control: a modified client can leave it out).
    /// </summary>
    public bool Watermark { get; set; }

    public RetentionOptions Retention { get; set; } = new();

    /// <summary>
    /// Days a finished export's zip (e-discovery and personal data) is kept; then the cleanup removes it and a download
    /// answers 410. 0 removes them at the next cleanup.
    /// </summary>
    public int ExportRetentionDays { get; set; } = 7;

    /// <summary>How often the export cleanup runs (one node of a cluster at a time); null or zero: never.</summary>
    public TimeSpan? ExportCleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Parley:Compliance:Retention — how the purge runs (the policies themselves are set in the admin console).</summary>
public sealed class RetentionOptions
{
    /// <summary>How often the purge runs; null or zero: only when asked (POST /api/v1/compliance/retention/run).</summary>
    public TimeSpan? Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Messages per write transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Messages per run at most; the rest waits for the next run.</summary>
    public int MaxMessagesPerRun { get; set; } = 100_000;
}

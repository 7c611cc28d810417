namespace Parley.Server.Features.Files.Scanning;

/// <summary>Malware scanning of uploads (<c>Parley:Files:Scan</c>), off unless <see cref="ClamAv"/> is set.</summary>
public sealed class ScanOptions
{
    /// <summary>
    /// Where clamd listens: <c>tcp://host:port</c> (its <c>TCPSocket</c>/<c>TCPAddr</c>) or <c>unix:/path</c> (its
    /// <c>LocalSocket</c>, e.g. <c>unix:/run/clamav/clamd.ctl</c> with Debian's clamav-daemon). Empty: no scanning.
    /// </summary>
    public string? ClamAv { get; set; }

    /// <summary>Longest wait for one file's verdict (connect, send, scan).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When clamd cannot give a verdict (down, timed out, the file is over its StreamMaxLength): true refuses the
    /// upload (503 <c>scan_unavailable</c>); false stores it unscanned and logs a warning.
    /// </summary>
    public bool FailClosed { get; set; } = true;

    /// <summary>Folder for infected uploads, kept for the administrator; relative paths are under the data directory.</summary>
    public string QuarantinePath { get; set; } = "quarantine";
}

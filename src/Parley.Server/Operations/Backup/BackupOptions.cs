using Microsoft.Extensions.Options;

namespace Parley.Server.Operations.Backup;

/// <summary>
/// Scheduled backups (Parley:Backup), off until <see cref="Interval"/> is set. The node that has it set writes
/// <c>parley-backup-&lt;UTC time&gt;.tar.gz</c> into <see cref="Folder"/> and then deletes the oldest beyond
/// <see cref="KeepCount"/> and those older than <see cref="KeepDays"/>. In a cluster, set it on one node only.
/// </summary>
public sealed class BackupOptions
{
    public const string Section = "Parley:Backup";

    public TimeSpan? Interval { get; set; }

    /// <summary>Where archives go; relative paths are under the data folder. Put it on another disk in production.</summary>
    public string Folder { get; set; } = "backups";

    public int KeepCount { get; set; } = 7;

    /// <summary>0 = no age limit.</summary>
    public int KeepDays { get; set; }
}

public sealed class BackupOptionsValidation : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions o)
    {
        var errors = new List<string>();
        if (o.Interval is { } i && i < TimeSpan.FromSeconds(1)) errors.Add("Parley:Backup:Interval must be at least 00:00:01 (or unset to turn scheduled backups off).");
        if (o.KeepCount < 1) errors.Add("Parley:Backup:KeepCount must be at least 1.");
        if (o.KeepDays < 0) errors.Add("Parley:Backup:KeepDays must not be negative (0 = no age limit).");
        if (string.IsNullOrWhiteSpace(o.Folder)) errors.Add("Parley:Backup:Folder must not be empty.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

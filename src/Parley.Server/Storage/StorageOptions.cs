namespace Parley.Server.Storage;

public sealed class StorageOptions
{
    public const string Section = "Parley:Storage";

    /// <summary>Sqlite (default, one machine) or Postgres (cluster mode; ConnectionStrings:Parley names the database).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Folder holding all state of the embedded mode (database, files). Set by --data.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>How long start-up waits for a database that does not answer yet (cluster nodes may start before it).</summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest number of writes committed in one transaction (one fsync).</summary>
    public int MaxBatch { get; set; } = 512;

    /// <summary>
    /// SQLite: the writer keeps its statements prepared between calls instead of preparing each one on every execution
    /// (Database.OpenWriter). Off only to measure the difference (`Parley.Seed send-cpu`) or to rule the cache out.
    /// </summary>
    public bool StatementCache { get; set; } = true;
}

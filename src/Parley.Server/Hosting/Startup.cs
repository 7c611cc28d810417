using System.Data.Common;
using Microsoft.Extensions.Options;
using Parley.Server.Storage;

namespace Parley.Server.Hosting;

public static class Startup
{
    /// <summary>
    /// Persistent settings (SQLite WAL) and migrations before anything serves. Fails with a clear message on an unknown
    /// provider or a newer schema. A database that does not answer yet (a cluster node starting before PostgreSQL) is
    /// retried with backoff for Parley:Storage:StartupWait before giving up.
    /// </summary>
    public static IReadOnlyList<string> PrepareDatabase(IServiceProvider services)
    {
        var database = services.GetRequiredService<Database>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Parley.Startup");
        var deadline = DateTime.UtcNow + services.GetRequiredService<IOptions<StorageOptions>>().Value.StartupWait;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                var applied = database.Migrate();
                foreach (var step in applied) logger.LogInformation("Applied schema migration {Step}", step);
                logger.LogInformation("Database {Path} at schema version {Version}", database.Description, Migrations.Latest);
                return applied;
            }
            catch (DbException ex) when (Sql.IsUnavailable(ex))
            {
                if (DateTime.UtcNow + delay > deadline)
                    throw new InvalidOperationException($"Cannot reach {database.Description}: {ex.Message}", ex);
                logger.LogWarning("{Database} does not answer yet ({Error}); retrying in {Delay} ms", database.Description, ex.Message, delay.TotalMilliseconds);
                Thread.Sleep(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}

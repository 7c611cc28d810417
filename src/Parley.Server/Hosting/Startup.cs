using Parley.Server.Storage;

namespace Parley.Server.Hosting;

public static class Startup
{
    /// <summary>Persistent settings (SQLite WAL) and migrations before anything serves. Fails with a clear message on an unknown provider or a newer schema.</summary>
    public static IReadOnlyList<string> PrepareDatabase(IServiceProvider services)
    {
        var database = services.GetRequiredService<Database>();
        var applied = database.Migrate();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Parley.Startup");
        foreach (var step in applied) logger.LogInformation("Applied schema migration {Step}", step);
        logger.LogInformation("Database {Path} at schema version {Version}", database.Description, Migrations.Latest);
        return applied;
    }
}

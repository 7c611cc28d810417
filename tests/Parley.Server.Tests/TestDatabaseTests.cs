using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// The suite's databases start as copies of one template migrated per test process (TestDatabase): a server must find
/// that copy current, and a test that asks for a fresh database must get an empty one that the server migrates itself.
/// </summary>
public class TestDatabaseTests
{
    [Fact]
    public async Task StartAsync_OnTheTemplateCopy_AppliesNoStepAndIsAtTheLatestSchema()
    {
        await using var server = await TestServer.StartAsync();
        Assert.True(server.AppliedMigrations.Count == 0,
            "the server re-ran steps on a database copied from the migrated template: " + string.Join(", ", server.AppliedMigrations));
        await using var c = await server.Database.OpenDirectAsync();
        Assert.Equal(Migrations.Latest, Migrations.CurrentVersion(c));
        Assert.Equal(Enumerable.Range(1, Migrations.Latest), await c.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version"));
    }

    [Fact]
    public async Task CreateAsync_Fresh_IsEmptyAndTheServerMigratesEveryStep()
    {
        var dir = Path.Combine(Path.GetTempPath(), "parley-tests", "fresh-" + Guid.NewGuid().ToString("N"));
        await using var db = await TestDatabase.CreateAsync(dir, fresh: true);
        try
        {
            Assert.False(File.Exists(Path.Combine(dir, "parley.db")), "a fresh SQLite database must not start as the template's copy");
            var options = Options.Create(new StorageOptions { Provider = TestDatabase.IsPostgres ? "Postgres" : "Sqlite", DataDirectory = dir });
            using var database = new Database(options, new ConfigurationBuilder().AddInMemoryCollection(db.Settings).Build());
            Assert.Equal(Migrations.Latest, database.Migrate().Count);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}

using Parley.Server.Storage;

namespace Parley.Server.Tests;

/// <summary>The two providers' schemas are the same steps: a step added to one and not the other fails here.</summary>
public class MigrationsTests
{
    [Fact]
    public void SqliteAndPostgres_HaveTheSameSteps_InOrder()
    {
        Assert.Equal(SqliteSchema.Steps.Select(s => (s.Version, s.Name)), PostgresSchema.Steps.Select(s => (s.Version, s.Name)));
        Assert.Equal(Enumerable.Range(1, Migrations.Latest), SqliteSchema.Steps.Select(s => s.Version));
    }

    [Theory]
    [InlineData("users")]
    [InlineData("sessions")]
    [InlineData("conversations")]
    [InlineData("members")]
    [InlineData("messages")]
    [InlineData("mentions")]
    [InlineData("reactions")]
    [InlineData("events")]
    [InlineData("files")]
    [InlineData("uploads")]
    [InlineData("server_keys")]
    [InlineData("user_roles")]
    [InlineData("system_events")]
    [InlineData("subscriber_cursors")]
    [InlineData("bundle_items")]
    [InlineData("bundle_files")]
    public void EveryTable_IsCreatedByBothProviders(string table)
    {
        Assert.Contains(SqliteSchema.Steps, s => s.Sql.Contains($"CREATE TABLE {table}(", StringComparison.Ordinal));
        Assert.Contains(PostgresSchema.Steps, s => s.Sql.Contains($"CREATE TABLE {table}(", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sqlite", StorageProvider.Sqlite)]
    [InlineData("postgres", StorageProvider.Postgres)]
    public void ProviderNames_AreCaseInsensitive(string name, StorageProvider expected) => Assert.Equal(expected, Database.Parse(name));

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    [InlineData("")]
    public void UnknownProvider_ListsTheValidOnes(string name)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Database.Parse(name));
        Assert.Contains("Valid providers: Sqlite, Postgres", ex.Message);
    }
}

using Parley.Server.Storage;

namespace Parley.Server.Tests;

/// <summary>The two providers' schemas are the same steps: a step added to one and not the other fails here.</summary>
public class MigrationsTests
{
    [Fact]
    public void SqliteAndPostgres_HaveTheSameSteps_InOrder()
    {
        Assert.Equal(SqliteSchema.Steps.Select(s => (s.Version, s.Name)), PostgresSchema.Steps.Select(s => (s.Version, s.Name)));
        // Strictly increasing. Branches reserve version numbers ahead (6: identity tables, 7: custom emoji, issue 20),
        // so one may land before the other; once both are in, the list is 1..Latest again.
        var versions = SqliteSchema.Steps.Select(s => s.Version).ToList();
        Assert.Equal(1, versions[0]);
        Assert.True(versions.Zip(versions.Skip(1)).All(p => p.Second > p.First), $"versions must increase: {string.Join(", ", versions)}");
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

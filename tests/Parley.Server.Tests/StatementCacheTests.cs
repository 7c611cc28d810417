using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Tests;

/// <summary>
/// The SQLite writer's statement cache (CachingConnection): Dapper over it must behave exactly as over a plain
/// SqliteConnection — each call sees its own parameters, a reader left open does not break the next call of the same
/// text, a call without a transaction runs in the open one — and the prepared statements go with the connection.
/// </summary>
public sealed class StatementCacheTests : IDisposable
{
    private const string ByKey = "SELECT name FROM t WHERE id = @id";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "parley-stmt-" + Guid.NewGuid().ToString("N"));

    public StatementCacheTests() => Directory.CreateDirectory(_dir);

    private CachingConnection Open(int capacity = 16)
    {
        var inner = new SqliteConnection($"Data Source={Path.Combine(_dir, "t.db")};Pooling=False");
        inner.Open();
        var connection = new CachingConnection(inner, capacity);
        connection.Execute("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        connection.Execute("INSERT OR IGNORE INTO t(id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        return connection;
    }

    [Fact]
    public void Query_SameTextTwice_WithOtherParameters_ReturnsEachCallsRow_OnOnePreparedStatement()
    {
        using var c = Open();
        Assert.Equal("one", c.QuerySingle<string>(ByKey, new { id = 1 }));
        var misses = c.Statements.Misses;
        Assert.Equal("two", c.QuerySingle<string>(ByKey, new { id = 2 }));
        Assert.Equal("three", c.ExecuteScalar<string>(ByKey, new { id = 3 }));
        Assert.True(c.Statements.Misses == misses, "the second and third call of the same text should find it prepared, not prepare it again");
        Assert.True(c.Statements.Hits >= 2, $"expected the cached statement to be reused, hits={c.Statements.Hits}");
        Assert.Null(c.QuerySingleOrDefault<string>(ByKey, new { id = 4 })); // an old binding must not leak into a call that finds nothing
    }

    [Fact]
    public void Query_WhileAReaderOfTheSameTextIsOpen_RunsOnAFreshCommand_AndBothSeeTheirOwnRows()
    {
        using var c = Open();
        const string from = "SELECT name FROM t WHERE id >= @id ORDER BY id";
        using var open = c.CreateCommand();
        open.CommandText = from;
        var p = open.CreateParameter();
        p.ParameterName = "id";
        p.Value = 1;
        open.Parameters.Add(p);
        using var reader = open.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("one", reader.GetString(0));

        Assert.Equal(["three"], c.Query<string>(from, new { id = 3 }));

        Assert.True(reader.Read());
        Assert.Equal("two", reader.GetString(0)); // the open reader kept its statement and its binding
        Assert.True(reader.Read());
        Assert.False(reader.Read());
    }

    [Fact]
    public void Execute_AfterTheSameStatementFailed_RunsAgainWithTheNewParameters()
    {
        using var c = Open();
        const string insert = "INSERT INTO t(id, name) VALUES (@id, @name)";
        var duplicate = Assert.Throws<SqliteException>(() => c.Execute(insert, new { id = 1, name = "again" }));
        Assert.Equal(19, duplicate.SqliteErrorCode); // SQLITE_CONSTRAINT: the cached statement failed mid-step
        Assert.Equal(1, c.Execute(insert, new { id = 20, name = "twenty" }));
        Assert.Equal("twenty", c.QuerySingle<string>(ByKey, new { id = 20 }));
        Assert.True(c.Statements.Hits >= 1, "the second insert should have reused the statement that failed");
    }

    [Fact]
    public void Execute_WithoutATransaction_RunsInTheOpenOne_AsOnAPlainConnection()
    {
        using var c = Open();
        using (var tx = c.BeginTransaction())
        {
            c.Execute("INSERT INTO t(id, name) VALUES (@id, @name)", new { id = 10, name = "ten" }); // no transaction: argument
            Assert.Equal("ten", c.QuerySingle<string>(ByKey, new { id = 10 }, tx));
            tx.Rollback();
        }
        Assert.Null(c.QuerySingleOrDefault<string>(ByKey, new { id = 10 }));
    }

    [Fact]
    public void Statements_BeyondTheCapacity_AreEvicted_AndStillRunCorrectlyWhenPreparedAgain()
    {
        using var c = Open(capacity: 2);
        for (var id = 1; id <= 3; id++) Assert.Equal(id, c.QuerySingle<long>($"SELECT id FROM t WHERE id = @id AND {id} = {id}", new { id }));
        Assert.Equal(2, c.Statements.Count);
        var misses = c.Statements.Misses;
        Assert.Equal(1, c.QuerySingle<long>("SELECT id FROM t WHERE id = @id AND 1 = 1", new { id = 1 }));
        Assert.True(c.Statements.Misses == misses + 1, "the least recently used statement should have been evicted and prepared again");
    }

    [Fact]
    public void Close_FinalizesTheCachedStatements_AndReopenPreparesThemAgain()
    {
        using var c = Open();
        Assert.Equal("one", c.QuerySingle<string>(ByKey, new { id = 1 }));
        Assert.True(c.Statements.Count > 0);
        c.Close();
        Assert.Equal(0, c.Statements.Count);
        c.Open();
        var misses = c.Statements.Misses;
        Assert.Equal("two", c.QuerySingle<string>(ByKey, new { id = 2 }));
        Assert.Equal(misses + 1, c.Statements.Misses);
    }

    [Fact]
    public Task Writer_OnSqlite_RunsOnCachedStatements_AndStartsAFreshCacheWhenItReconnects() =>
        WithWriter(statementCache: true, async writer =>
        {
            var first = await writer.ExecuteAsync(w => (CachingConnection)w.Connection);
            for (var i = 0; i < 3; i++) await writer.ExecuteAsync(w => w.Connection.ExecuteScalar<long>("SELECT count(*) FROM users", transaction: w.Transaction));
            Assert.True(first.Statements.Hits >= 2, $"repeated writer statements should run prepared, hits={first.Statements.Hits}");

            // Closing the connection under the writer fails that batch (never acknowledged) and makes the writer reconnect.
            var failed = await Assert.ThrowsAsync<ParleyException>(() => writer.ExecuteAsync(w => { w.Connection.Close(); return 0; }));
            Assert.Equal(503, failed.Status);
            Assert.Equal(0, first.Statements.Count);

            var second = await writer.ExecuteAsync(w => (CachingConnection)w.Connection);
            Assert.NotSame(first, second);
            Assert.Equal(0L, await writer.ExecuteAsync(w => w.Connection.ExecuteScalar<long>("SELECT count(*) FROM users", transaction: w.Transaction)));
        });

    [Fact]
    public Task Writer_WithTheCacheSwitchedOff_UsesThePlainConnection() =>
        WithWriter(statementCache: false, async writer =>
            Assert.IsType<SqliteConnection>(await writer.ExecuteAsync(w => w.Connection)));

    /// <summary>A migrated SQLite database in this test's folder and its running writer.</summary>
    private async Task WithWriter(bool statementCache, Func<WriteQueue, Task> test)
    {
        var options = Options.Create(new StorageOptions { DataDirectory = _dir, StatementCache = statementCache });
        using var database = new Database(options, new ConfigurationBuilder().Build());
        database.Migrate();
        var writer = new WriteQueue(database, new NoEvents(), options, NullLogger<WriteQueue>.Instance);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await test(writer);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    private sealed class NoEvents : Realtime.IEventBus
    {
        public void Publish(IReadOnlyList<EventDto> events)
        {
        }

        public void PublishToUsers(IReadOnlyCollection<long> userIds, EventDto evt)
        {
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { } // a pooled handle on a slow runner; the temp folder is the OS's to clean
    }
}

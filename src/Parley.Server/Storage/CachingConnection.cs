using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Parley.Server.Storage;

/// <summary>
/// The SQLite writer's connection with a <see cref="StatementCache"/>: commands it creates (Dapper's, one per call)
/// run on cached prepared statements. Everything else is the wrapped connection's. Not for PostgreSQL: Npgsql
/// prepares automatically by SQL text (Max Auto Prepare), and <see cref="Sql.IsPostgres"/> reads this as SQLite.
/// </summary>
internal sealed class CachingConnection(SqliteConnection inner, int capacity) : DbConnection
{
    private SqliteTransaction? _transaction;

    public SqliteConnection Inner { get; } = inner;
    public StatementCache Statements { get; } = new(inner, Math.Max(1, capacity));

    /// <summary>The open transaction begun here, which commands without one run in (as SqliteConnection.CreateCommand does).</summary>
    internal SqliteTransaction? CurrentTransaction => _transaction?.Connection is null ? null : _transaction;

    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => throw new NotSupportedException("The writer's connection string is fixed when it is opened.");
    }

    public override string Database => Inner.Database;
    public override string DataSource => Inner.DataSource;
    public override string ServerVersion => Inner.ServerVersion;
    public override ConnectionState State => Inner.State;

    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);
    public override void Open() => Inner.Open();

    public override void Close()
    {
        Statements.Clear();
        Inner.Close();
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => _transaction = Inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new CachedCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Statements.Dispose();
            Inner.Dispose();
        }
        base.Dispose(disposing);
    }
}

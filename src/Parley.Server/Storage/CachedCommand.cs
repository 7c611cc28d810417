using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Parley.Server.Storage;

/// <summary>
/// A command of <see cref="CachingConnection"/>. It collects text and parameters like any command and, when executed,
/// borrows the cached SqliteCommand for its text (or makes a fresh one when that is busy with an open reader), binds
/// its parameters there and runs it. Disposing it closes its reader and returns the borrowed command.
/// </summary>
internal sealed class CachedCommand(CachingConnection connection) : DbCommand
{
    private readonly ParameterList _parameters = new();
    private string _text = "";
    private int? _timeout;
    private StatementCache.Statement? _borrowed;
    private SqliteCommand? _fresh;
    private SqliteDataReader? _reader;

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set => _text = value ?? "";
    }

    public override int CommandTimeout
    {
        get => _timeout ?? connection.Inner.DefaultTimeout;
        set => _timeout = value;
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text) throw new ArgumentException($"SQLite runs text commands only, not {value}.", nameof(value));
        }
    }

    public override bool DesignTimeVisible { get; set; }
    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value != connection) throw new NotSupportedException("A cached command stays on the writer's connection.");
        }
    }

    protected override DbParameterCollection DbParameterCollection => _parameters;
    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
        // Like SqliteCommand.Cancel: nothing to interrupt on the one thread that runs it.
    }

    public override void Prepare() => Target().Prepare();

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => _reader = Target().ExecuteReader(behavior);

    public override int ExecuteNonQuery() => Target().ExecuteNonQuery();

    public override object? ExecuteScalar() => Target().ExecuteScalar();

    /// <summary>The SqliteCommand to run now, bound to this command's text, transaction and parameters.</summary>
    private SqliteCommand Target()
    {
        if (_reader is { IsClosed: false }) throw new InvalidOperationException("An open reader is associated with this command; close it first.");
        Release();
        _borrowed = connection.Statements.Lend(_text);
        var command = _borrowed?.Command ?? (_fresh = connection.Inner.CreateCommand());
        command.CommandText = _text;
        command.Transaction = (SqliteTransaction?)DbTransaction ?? connection.CurrentTransaction;
        command.CommandTimeout = CommandTimeout;
        command.Parameters.Clear();
        foreach (SqliteParameter parameter in _parameters) command.Parameters.Add(parameter);
        return command;
    }

    private void Release()
    {
        _reader?.Dispose(); // as disposing a SqliteCommand disposes its reader
        _reader = null;
        if (_borrowed is not null) connection.Statements.Return(_borrowed);
        _borrowed = null;
        _fresh?.Dispose();
        _fresh = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Release();
        base.Dispose(disposing);
    }

    /// <summary>SqliteParameterCollection's constructor is for subclasses; this one only holds a command's parameters until it runs.</summary>
    private sealed class ParameterList : SqliteParameterCollection;
}

using Microsoft.Data.Sqlite;

namespace Parley.Server.Storage;

/// <summary>
/// Prepared statements of the SQLite writer's connection, kept by SQL text, least recently used evicted first.
/// Dapper makes a new command per call, and a new SqliteCommand runs sqlite3_prepare_v2 on its first execution;
/// a SqliteCommand executed again with the same CommandText reuses its prepared statements and only rebinds the
/// parameters (Microsoft.Data.Sqlite SqliteCommand.GetStatements; changing CommandText or Connection drops them).
/// So the cache keeps one SqliteCommand per text and lends it to one caller at a time. Single-threaded, like the
/// writer that owns it. Measured with `Parley.Seed send-cpu` (bench/README.md).
/// </summary>
internal sealed class StatementCache(SqliteConnection connection, int capacity) : IDisposable
{
    private readonly Dictionary<string, LinkedListNode<Statement>> _byText = new(StringComparer.Ordinal);
    private readonly LinkedList<Statement> _recent = new(); // most recently used first

    /// <summary>Executions that found their statement prepared.</summary>
    public long Hits { get; private set; }

    /// <summary>Statements prepared (first use of a text, or after eviction), plus lends refused because the text was busy.</summary>
    public long Misses { get; private set; }

    public int Count => _byText.Count;

    /// <summary>The cached command for <paramref name="text"/>, lent until <see cref="Return"/>; null when it is lent already (an open reader).</summary>
    public Statement? Lend(string text)
    {
        if (_byText.TryGetValue(text, out var node))
        {
            if (node.Value.Lent)
            {
                Misses++;
                return null;
            }
            _recent.Remove(node);
            _recent.AddFirst(node);
            node.Value.Lent = true;
            Hits++;
            return node.Value;
        }
        Misses++;
        var command = connection.CreateCommand();
        command.CommandText = text;
        var statement = new Statement(text, command) { Lent = true };
        _byText.Add(text, _recent.AddFirst(statement));
        Evict();
        return statement;
    }

    public void Return(Statement statement)
    {
        statement.Lent = false;
        statement.Command.Parameters.Clear(); // hold no caller's values past the call
        if (statement.Evicted) statement.Command.Dispose();
    }

    private void Evict()
    {
        for (var node = _recent.Last; _byText.Count > capacity && node is not null;)
        {
            var previous = node.Previous;
            var statement = node.Value;
            _recent.Remove(node);
            _byText.Remove(statement.Text);
            statement.Evicted = true;
            if (!statement.Lent) statement.Command.Dispose(); // a lent one is disposed when it comes back
            node = previous;
        }
    }

    /// <summary>Finalizes every statement: before the connection closes (sqlite3_close needs them gone) or is replaced.</summary>
    public void Clear()
    {
        foreach (var statement in _recent)
        {
            statement.Evicted = true;
            statement.Command.Dispose();
        }
        _recent.Clear();
        _byText.Clear();
    }

    public void Dispose() => Clear();

    internal sealed class Statement(string text, SqliteCommand command)
    {
        public string Text { get; } = text;
        public SqliteCommand Command { get; } = command;
        public bool Lent { get; set; }
        public bool Evicted { get; set; }
    }
}

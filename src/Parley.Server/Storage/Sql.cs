using System.Data.Common;
using System.Text.Json;
using Npgsql;

namespace Parley.Server.Storage;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL ask here; everything else is portable.
/// Conventions that keep the rest portable: flags are integer columns compared with 0/1 and bound as 0/1
/// (never .NET bools), text search is <c>lower(x) LIKE lower(@p)</c>, and usernames compare through
/// <c>CAST(@p AS CITEXT)</c> (PostgreSQL: case-insensitive type; SQLite: text affinity against a NOCASE column).
/// </summary>
public static class Sql
{
    public static bool IsPostgres(DbConnection connection) => connection is NpgsqlConnection;

    /// <summary>
    /// "<paramref name="column"/> is one of the list bound as <paramref name="parameter"/>": SQLite reads the list as a JSON
    /// array through json_each, PostgreSQL as a native array. Bind the value with <see cref="List{T}"/>.
    /// </summary>
    public static string In(DbConnection connection, string column, string parameter, string? postgresArrayType = null) =>
        IsPostgres(connection)
            ? postgresArrayType is null ? $"{column} = ANY(@{parameter})" : $"{column} = ANY(CAST(@{parameter} AS {postgresArrayType}))"
            : $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    /// <summary>The values of <paramref name="expression"/> over the rows of an aggregate, joined by <paramref name="separator"/> (NULL for no rows).</summary>
    public static string JoinedText(DbConnection connection, string expression, string separator) =>
        IsPostgres(connection) ? $"string_agg({expression}, '{separator}')" : $"group_concat({expression}, '{separator}')";

    public static object List<T>(DbConnection connection, IEnumerable<T> values) =>
        IsPostgres(connection) ? values.ToArray() : JsonSerializer.Serialize(values);

    /// <summary>The database is down, restarting or unreachable (as opposed to a bad statement): worth a retry.</summary>
    public static bool IsUnavailable(Exception ex) =>
        ex is DbException { IsTransient: true } or NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException };

    /// <summary>0/1 for flag columns.</summary>
    public static int Flag(bool value) => value ? 1 : 0;
}

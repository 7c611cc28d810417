using System.Data.Common;
using Parley.Contracts;

namespace Parley.Server.Storage;

/// <summary>
/// What one write sees inside the shared group-commit transaction: the connection, the transaction,
/// and the events it wants published once (and only if) the transaction commits.
/// </summary>
public sealed class WriteContext(DbConnection connection, DbTransaction transaction)
{
    internal List<EventDto> Pending { get; } = [];

    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;
    public long NowMs { get; internal set; }

    public void Publish(EventDto evt) => Pending.Add(evt);
}

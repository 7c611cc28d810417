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
    internal List<(IReadOnlyCollection<long> Users, EventDto Event)>? PendingToUsers { get; private set; }

    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;
    public long NowMs { get; internal set; }

    /// <summary>Set when the write appended to the system stream, so only subscribers of that stream are woken after commit.</summary>
    internal bool WroteSystemEvent { get; set; }

    /// <summary>Pushes a conversation event to its members after commit.</summary>
    public void Publish(EventDto evt) => Pending.Add(evt);

    /// <summary>Pushes an event to every live connection of these users after commit (see Realtime.IEventBus).</summary>
    public void PublishToUsers(IReadOnlyCollection<long> userIds, EventDto evt) => (PendingToUsers ??= []).Add((userIds, evt));
}

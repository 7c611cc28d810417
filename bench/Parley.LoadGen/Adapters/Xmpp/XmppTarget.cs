using System.Net;

namespace Parley.LoadGen.Adapters.Xmpp;

/// <summary>An XMPP server (ejabberd, Prosody) with MUC at conference.{domain}.</summary>
public sealed class XmppTarget(string name, IPEndPoint server, string domain, string runPrefix, int parallelism) : IChatTarget
{
    private readonly string _mucDomain = "conference." + domain;

    public string Name => name;

    public IHistoryProbe? History => null;

    public async Task<IReadOnlyList<UserAccount>> CreateUsersAsync(int count, CancellationToken ct)
    {
        var users = Enumerable.Range(0, count)
            .Select(i => new UserAccount(i, $"{runPrefix}u{i}", $"pw{runPrefix}{i}"))
            .ToArray();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            (u, token) => new ValueTask(XmppConnection.RegisterAsync(server, domain, u.Username, u.Password, token)));
        return users;
    }

    public Task<IReadOnlyList<Room>> CreateRoomsAsync(IReadOnlyList<int[]> members, IReadOnlyList<UserAccount> users, CancellationToken ct)
    {
        // MUC rooms are created by their first occupant's join (XEP-0045 §10.1); the
        // start scripts configure both servers to make such rooms usable at once.
        IReadOnlyList<Room> rooms = members
            .Select((m, i) => new Room($"{runPrefix}r{i}k{m.Length}@{_mucDomain}", 0, m))
            .ToArray();
        return Task.FromResult(rooms);
    }

    public async Task<IChatClient> ConnectAsync(UserAccount user, IDeliverySink sink, CancellationToken ct)
    {
        var connection = await XmppConnection.ConnectAsync(server, domain, user.Username, user.Password, sink, ct);
        return new Client(user, connection);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Client(UserAccount user, XmppConnection connection) : IChatClient
    {
        public UserAccount User => user;

        public async Task JoinAsync(Room room, CancellationToken ct)
        {
            await connection.JoinRoomAsync(room.Key, user.Username, ct);
            // The first member creates the room (World joins it before the others) and owns it.
            if (room.Members[0] == user.Index) await connection.ConfigureLargeRoomAsync(room.Key, ct);
        }

        public Task SendAsync(Room room, string body, CancellationToken ct) => connection.SendGroupchatAsync(room.Key, body, ct);

        public void Abort() => connection.Abort();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}

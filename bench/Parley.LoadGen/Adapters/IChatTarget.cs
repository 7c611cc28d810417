namespace Parley.LoadGen.Adapters;

/// <summary>
/// One server under test, reached through its own protocol. The scenarios only see this
/// interface, so Parley and the XMPP peers run exactly the same workload.
/// </summary>
public interface IChatTarget : IAsyncDisposable
{
    /// <summary>"parley", "ejabberd", "prosody": the name the results use.</summary>
    string Name { get; }

    /// <summary>Creates (or registers) <paramref name="count"/> users whose names start with the run prefix.</summary>
    Task<IReadOnlyList<UserAccount>> CreateUsersAsync(int count, CancellationToken ct);

    /// <summary>Creates one room per member list; XMPP rooms come into being when the first member joins.</summary>
    Task<IReadOnlyList<Room>> CreateRoomsAsync(IReadOnlyList<int[]> members, IReadOnlyList<UserAccount> users, CancellationToken ct);

    /// <summary>Opens one authenticated, ready connection for <paramref name="user"/>.</summary>
    Task<IChatClient> ConnectAsync(UserAccount user, IDeliverySink sink, CancellationToken ct);

    /// <summary>Latest-page history and search, where the protocol has them (null otherwise).</summary>
    IHistoryProbe? History { get; }
}

public interface IChatClient : IAsyncDisposable
{
    UserAccount User { get; }

    /// <summary>Makes this connection receive the room's messages (XMPP: MUC join; Parley: membership is server-side, a no-op).</summary>
    Task JoinAsync(Room room, CancellationToken ct);

    /// <summary>Sends one message; completes when the protocol considers it handed over (XMPP: written; Parley: stored and acknowledged).</summary>
    Task SendAsync(Room room, string body, CancellationToken ct);

    /// <summary>Drops the connection without a goodbye, as a crashed client or a lost network would.</summary>
    void Abort();
}

/// <summary>Receives what the clients see. Called from many receive loops at once.</summary>
public interface IDeliverySink
{
    void OnMessage(ReadOnlySpan<byte> utf8Body);
    void OnMessage(string body);
    void OnError(string what);
}

public interface IHistoryProbe
{
    /// <summary>Fetches the latest page of a room's history.</summary>
    Task<ProbeReply> LatestPageAsync(UserAccount user, Room room, int limit, CancellationToken ct);

    /// <summary>Runs a full-text search as <paramref name="user"/>.</summary>
    Task<ProbeReply> SearchAsync(UserAccount user, string query, CancellationToken ct);
}

/// <summary>Items in the reply, and the time the server says it spent on the request (Server-Timing), when it says.</summary>
public readonly record struct ProbeReply(int Items, double? ServerMs);

public sealed class UserAccount(int index, string username, string password)
{
    public int Index { get; } = index;
    public string Username { get; } = username;
    public string Password { get; } = password;

    /// <summary>Server-side id (Parley) once known.</summary>
    public long Id { get; set; }

    /// <summary>Bearer token (Parley) once logged in.</summary>
    public string? Token { get; set; }
}

/// <summary>A room: an XMPP MUC local part, or a Parley conversation id.</summary>
public sealed record Room(string Key, long ConversationId, int[] Members);

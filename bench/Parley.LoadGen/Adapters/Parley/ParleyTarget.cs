namespace Parley.LoadGen.Adapters.Parley;

/// <summary>Parley through its real protocol: REST for set-up, the SignalR hub (MessagePack) for traffic.</summary>
public sealed class ParleyTarget(Uri baseUri, string adminUser, string adminPassword, string runPrefix, int parallelism, bool messagePack,
    string? accountsFile)
    : IChatTarget, IHistoryProbe
{
    // Channels are created with at most this many members per request and grown by
    // AddMembers, so a server-side cap on request size cannot fail a 1,000-member room.
    private const int MembersPerRequest = 200;

    private readonly ParleyRest _rest = new(baseUri, parallelism);
    private string? _adminToken;

    public string Name => "parley";

    public IHistoryProbe? History => this;

    public async Task<IReadOnlyList<UserAccount>> CreateUsersAsync(int count, CancellationToken ct)
    {
        var admin = await _rest.EnsureAdminAsync(adminUser, adminPassword, ct);
        _adminToken = admin.Token;
        if (accountsFile is not null) return await ReadAccountsAsync(accountsFile, count, ct);
        var users = Enumerable.Range(0, count)
            .Select(i => new UserAccount(i, $"{runPrefix}u{i}", $"pw-{runPrefix}-{i}-load"))
            .ToArray();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (u, token) =>
            {
                await _rest.CreateUserAsync(_adminToken, u.Username, u.Password, token);
                var login = await _rest.LoginAsync(u.Username, u.Password, token);
                u.Id = login.User.Id;
                u.Token = login.Token;
            });
        return users;
    }

    /// <summary>
    /// Users made by bench/Parley.Seed (`seed users`): username, password, id, token per line.
    /// REST creation costs two PBKDF2 hashes per user, minutes for thousands.
    /// </summary>
    internal static async Task<IReadOnlyList<UserAccount>> ReadAccountsAsync(string file, int count, CancellationToken ct)
    {
        var users = new List<UserAccount>(count);
        foreach (var line in await File.ReadAllLinesAsync(file, ct))
        {
            if (users.Count == count) break;
            var f = line.Split('\t');
            if (f.Length < 4) continue;
            users.Add(new UserAccount(users.Count, f[0], f[1])
            {
                Id = long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture),
                Token = f[3],
            });
        }
        if (users.Count < count) throw new InvalidOperationException($"{file} holds {users.Count} accounts, {count} needed");
        return users;
    }

    public async Task<IReadOnlyList<Room>> CreateRoomsAsync(IReadOnlyList<int[]> members, IReadOnlyList<UserAccount> users, CancellationToken ct)
    {
        string admin = _adminToken ?? throw new InvalidOperationException("create users first");
        var rooms = new Room[members.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, members.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (i, token) =>
            {
                long[] ids = members[i].Select(m => users[m].Id).ToArray();
                var conversation = await _rest.CreateChannelAsync(admin, $"{runPrefix}r{i}k{ids.Length}", ids.Take(MembersPerRequest).ToArray(), token);
                foreach (var chunk in ids.Skip(MembersPerRequest).Chunk(MembersPerRequest))
                    await _rest.AddMembersAsync(admin, conversation.Id, chunk, token);
                rooms[i] = new Room(conversation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), conversation.Id, members[i]);
            });
        return rooms;
    }

    public async Task<IChatClient> ConnectAsync(UserAccount user, IDeliverySink sink, CancellationToken ct)
    {
        string token = user.Token ?? throw new InvalidOperationException($"{user.Username} has no token");
        var hub = await ParleyHub.ConnectAsync(baseUri, token, messagePack, source: null, text =>
        {
            if (text is not null) sink.OnMessage(text);
            else sink.OnError("message.created without text");
        }, ct);
        return new ParleyClient(user, hub);
    }

    public Task<ProbeReply> LatestPageAsync(UserAccount user, Room room, int limit, CancellationToken ct) =>
        _rest.LatestPageAsync(user.Token!, room.ConversationId, limit, ct);

    public Task<ProbeReply> SearchAsync(UserAccount user, string query, CancellationToken ct) =>
        _rest.SearchAsync(user.Token!, query, ct);

    public ValueTask DisposeAsync()
    {
        _rest.Dispose();
        return ValueTask.CompletedTask;
    }
}

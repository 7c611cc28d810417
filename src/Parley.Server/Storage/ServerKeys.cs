using Dapper;

namespace Parley.Server.Storage;

/// <summary>
/// Secrets every node must share (the <c>server_keys</c> table): the first caller stores its candidate, every caller
/// (on any node, at the same time or later) gets the stored one.
/// </summary>
public static class ServerKeys
{
    public static string GetOrCreate(Database database, string name, Func<string> candidate)
    {
        using var c = database.Open();
        c.Execute("INSERT INTO server_keys(name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO NOTHING",
            new { name, value = candidate(), now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        return c.ExecuteScalar<string>("SELECT value FROM server_keys WHERE name = @name", new { name })!;
    }
}

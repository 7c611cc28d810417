using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Security;

/// <summary>Server-wide settings changed at run time (the <c>settings</c> table): a key and a text value.</summary>
public sealed class SettingsStore(Database database)
{
    public async Task<string?> GetAsync(string key)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<string>("SELECT value FROM settings WHERE key = @key", new { key });
    }

    public static string? Get(WriteContext w, string key) =>
        w.Connection.QuerySingleOrDefault<string>("SELECT value FROM settings WHERE key = @key", new { key }, w.Transaction);

    public static void Set(WriteContext w, string key, string value) =>
        w.Connection.Execute(
            "INSERT INTO settings(key, value, updated_at) VALUES (@key, @value, @now) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            new { key, value, now = w.NowMs }, w.Transaction);

    public static void Delete(WriteContext w, string key) =>
        w.Connection.Execute("DELETE FROM settings WHERE key = @key", new { key }, w.Transaction);
}

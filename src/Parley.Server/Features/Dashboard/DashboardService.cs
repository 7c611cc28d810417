using Dapper;
using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Storage;

namespace Parley.Server.Features.Dashboard;

/// <summary>
/// The admin console's first page: users, who was active today, messages per day for the last <see cref="Days"/> days,
/// conversations and storage. Every figure is one aggregate query; days are UTC calendar days.
/// </summary>
public sealed class DashboardService(Database database, TimeProvider time)
{
    public const int Days = 30;
    private const long DayMs = 86_400_000;

    public async Task<DashboardDto> GetAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.Require(Contracts.Permissions.SystemManage);
        var now = time.GetUtcNow();
        var today = now.ToUnixTimeMilliseconds() / DayMs;
        var first = today - (Days - 1);
        await using var c = await database.OpenAsync(cancellationToken);
        var users = await c.QuerySingleAsync<(long Total, long Active)>(Command(
            "SELECT count(*), coalesce(sum(CASE WHEN is_active = 1 THEN 1 ELSE 0 END), 0) FROM users", null, cancellationToken));
        var activeToday = await c.ExecuteScalarAsync<long>(Command(
            "SELECT count(DISTINCT user_id) FROM sessions WHERE last_seen_at >= @from", new { from = today * DayMs }, cancellationToken));
        var conversations = await c.ExecuteScalarAsync<long>(Command("SELECT count(*) FROM conversations", null, cancellationToken));
        // One pass over the last 30 days of messages, grouped by whole days since the epoch (integer division on both providers).
        var perDay = (await c.QueryAsync<(long Day, long Count)>(Command(
                "SELECT created_at / 86400000 AS day, count(*) FROM messages WHERE created_at >= @from GROUP BY created_at / 86400000",
                new { from = first * DayMs }, cancellationToken)))
            .ToDictionary(r => r.Day, r => r.Count);
        var files = await c.QuerySingleAsync<(long Count, long Bytes)>(Command(
            "SELECT count(*), coalesce(sum(size + coalesce(thumb_size, 0)), 0) FROM files WHERE deleted_at IS NULL", null, cancellationToken));
        var databaseBytes = await c.ExecuteScalarAsync<long?>(Command(database.Provider == StorageProvider.Postgres
            ? "SELECT pg_database_size(current_database())"
            : "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", null, cancellationToken));
        var days = Enumerable.Range(0, Days).Select(i => first + i)
            .Select(d => new DailyCountDto(DateTimeOffset.FromUnixTimeMilliseconds(d * DayMs).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                perDay.GetValueOrDefault(d)))
            .ToList();
        return new DashboardDto(now, new DashboardUsersDto(users.Total, users.Active, users.Total - users.Active), activeToday, conversations, days,
            new DashboardStorageDto(files.Count, files.Bytes, databaseBytes));
    }

    private static CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, cancellationToken: cancellationToken);
}

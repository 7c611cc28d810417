using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.TwoFactor;

/// <summary>SQL for TOTP secrets and recovery codes. Writes run in the writer's transaction, so a code is used once even when two sign-ins race.</summary>
public sealed class TotpStore(Database database)
{
    public sealed class Secret
    {
        public long UserId { get; init; }
        public string Value { get; init; } = "";
        public long? ConfirmedAt { get; init; }
        public long LastStep { get; init; }
    }

    public async Task<Secret?> FindAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Secret>(Select, new { userId });
    }

    public static Secret? Find(WriteContext w, long userId) => w.Connection.QuerySingleOrDefault<Secret>(Select, new { userId }, w.Transaction);

    private const string Select = "SELECT user_id AS UserId, secret AS Value, confirmed_at AS ConfirmedAt, last_step AS LastStep FROM user_totp WHERE user_id = @userId";

    /// <summary>A new, unconfirmed secret (replacing an earlier unconfirmed one).</summary>
    public static void Begin(WriteContext w, long userId, string secret)
    {
        w.Connection.Execute("DELETE FROM user_totp WHERE user_id = @userId", new { userId }, w.Transaction);
        w.Connection.Execute("INSERT INTO user_totp(user_id, secret, created_at) VALUES (@userId, @secret, @now)", new { userId, secret, now = w.NowMs }, w.Transaction);
    }

    /// <summary>
    /// Takes the time step of an accepted code: true only if it is later than every step used before, so a code
    /// seen by someone else (shoulder, proxy log) cannot be replayed within its validity window.
    /// </summary>
    public static bool TakeStep(WriteContext w, long userId, long step) =>
        w.Connection.Execute("UPDATE user_totp SET last_step = @step WHERE user_id = @userId AND last_step < @step", new { userId, step }, w.Transaction) == 1;

    public static void Confirm(WriteContext w, long userId, IEnumerable<string> recoveryCodeHashes)
    {
        w.Connection.Execute("UPDATE user_totp SET confirmed_at = @now WHERE user_id = @userId", new { userId, now = w.NowMs }, w.Transaction);
        w.Connection.Execute("DELETE FROM user_recovery_codes WHERE user_id = @userId", new { userId }, w.Transaction);
        foreach (var hash in recoveryCodeHashes)
            w.Connection.Execute("INSERT INTO user_recovery_codes(user_id, code_hash) VALUES (@userId, @hash)", new { userId, hash }, w.Transaction);
    }

    /// <summary>Marks an unused recovery code used; false when there is none with this hash.</summary>
    public static bool UseRecoveryCode(WriteContext w, long userId, string hash) =>
        w.Connection.Execute("UPDATE user_recovery_codes SET used_at = @now WHERE user_id = @userId AND code_hash = @hash AND used_at IS NULL",
            new { userId, hash, now = w.NowMs }, w.Transaction) == 1;

    public static int RemainingRecoveryCodes(WriteContext w, long userId) =>
        w.Connection.ExecuteScalar<int>("SELECT count(*) FROM user_recovery_codes WHERE user_id = @userId AND used_at IS NULL", new { userId }, w.Transaction);

    public static bool Remove(WriteContext w, long userId)
    {
        w.Connection.Execute("DELETE FROM user_recovery_codes WHERE user_id = @userId", new { userId }, w.Transaction);
        return w.Connection.Execute("DELETE FROM user_totp WHERE user_id = @userId", new { userId }, w.Transaction) == 1;
    }
}

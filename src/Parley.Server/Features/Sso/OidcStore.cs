using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Sso;

/// <summary>SQL for single sign-on: links from a provider's person to an account, and the one-time sign-in codes. Runs inside the group-commit transaction.</summary>
public static class OidcStore
{
    public static long? LinkedUser(WriteContext w, string issuer, string subject) =>
        w.Connection.QuerySingleOrDefault<long?>("SELECT user_id FROM oidc_links WHERE issuer = @issuer AND subject = @subject", new { issuer, subject }, w.Transaction);

    /// <summary>An account owned by single sign-on whose external_id is this value (provisioned with the sub, or made by an administrator with the link claim's value).</summary>
    public static long? OidcAccount(WriteContext w, string externalId) =>
        w.Connection.QuerySingleOrDefault<long?>("SELECT id FROM users WHERE auth_source = 'oidc' AND external_id = @externalId", new { externalId }, w.Transaction);

    public static long? AccountByUsername(WriteContext w, string username) =>
        w.Connection.QuerySingleOrDefault<long?>("SELECT id FROM users WHERE username = CAST(@username AS CITEXT)", new { username }, w.Transaction);

    public static void Link(WriteContext w, string issuer, string subject, long userId) =>
        w.Connection.Execute("INSERT INTO oidc_links(issuer, subject, user_id, linked_at) VALUES (@issuer, @subject, @userId, @now)",
            new { issuer, subject, userId, now = w.NowMs }, w.Transaction);

    public static void AddCode(WriteContext w, byte[] hash, long userId, string returnUrl, long expiresAt, long attempts = 0)
    {
        // Codes nobody exchanged are removed by the next sign-in: the table holds at most a few minutes of them.
        w.Connection.Execute("DELETE FROM oidc_login_codes WHERE expires_at < @now", new { now = w.NowMs }, w.Transaction);
        w.Connection.Execute("INSERT INTO oidc_login_codes(code_hash, user_id, return_url, expires_at, attempts) VALUES (@hash, @userId, @returnUrl, @expiresAt, @attempts)",
            new { hash, userId, returnUrl, expiresAt, attempts }, w.Transaction);
    }

    public sealed record Code(long UserId, string ReturnUrl, long ExpiresAt, long Attempts);

    /// <summary>Takes the code out: whoever deletes the row has it, so a code is used once even by two racing requests.</summary>
    public static Code? TakeCode(WriteContext w, byte[] hash) =>
        w.Connection.QuerySingleOrDefault<Code>(
            "DELETE FROM oidc_login_codes WHERE code_hash = @hash RETURNING user_id AS UserId, return_url AS ReturnUrl, expires_at AS ExpiresAt, attempts",
            new { hash }, w.Transaction);
}

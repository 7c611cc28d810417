using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;
using Parley.Server.Storage;

namespace Parley.Server.Platform.Identity;

/// <summary>
/// The one place sessions are created: for a password sign-in, first-run setup, and any identity provider to come. It
/// refuses deactivated users, runs every <see cref="ISessionPolicy"/>, stores only the token's hash, and records
/// <c>session.created</c> in the system stream in the same transaction.
/// </summary>
public sealed class SessionIssuer(WriteQueue writer, IEnumerable<ISessionPolicy> policies, IOptionsMonitor<AuthOptions> options, Features.Security.AccountRestrictions restrictions)
{
    public async Task<LoginResponse> IssueAsync(UserRecord user, SessionRequest request, CancellationToken cancellationToken = default)
    {
        // Deactivated accounts are refused exactly like a wrong password: a sign-in must not reveal that the secret was right.
        if (!user.IsActive) throw AuthErrors.InvalidCredentials();
        // A bot never signs in, by any provider (an LDAP entry of the same name included): it only has its token.
        if (user.IsBot) throw AuthErrors.InvalidCredentials();
        foreach (var policy in policies) await policy.CheckAsync(user, request, cancellationToken);
        var token = Tokens.New();
        var hash = Tokens.Hash(token);
        var expiresAt = DateTimeOffset.UtcNow.Add(request.Lifetime ?? options.CurrentValue.SessionLifetime).ToUnixTimeMilliseconds();
        var agent = request.UserAgent is { Length: > 200 } a ? a[..200] : request.UserAgent;
        var sessionId = await writer.ExecuteAsync(w =>
        {
            var id = SessionStore.Insert(w, user.Id, hash, expiresAt, agent, request.Provider, request.Scope?.ToString());
            SystemLog.SystemLog.Append(w, request.Actor with { UserId = request.Actor.UserId ?? user.Id }, SystemLog.SystemEventTypes.SessionCreated, user.Id,
                new { sessionId = id, provider = request.Provider, scope = request.Scope?.ToString() });
            return id;
        });
        return new LoginResponse(token, user.ToSelfDto(await restrictions.RequiredAsync(user)), sessionId, UnixMs.To(expiresAt));
    }
}

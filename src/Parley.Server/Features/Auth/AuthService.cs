using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.Identity;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Auth;

/// <summary>
/// Sign-in, first-run setup and sessions. Credentials go to the registered <see cref="IIdentityProvider"/>s in order;
/// the <see cref="SessionIssuer"/> turns an authenticated user into a session.
/// </summary>
public sealed class AuthService(
    UserStore users, SessionStore sessions, WriteQueue writer, SessionCache cache, UserService userService,
    IEnumerable<IIdentityProvider> providers, SessionIssuer issuer, LoginThrottle throttle, LoginFailureAudit failures)
{
    private readonly IIdentityProvider[] _providers = [.. providers.OrderBy(p => p.Order)];

    public async Task<bool> SetupNeededAsync() => await users.CountAsync() == 0;

    public async Task<LoginResponse> SetupAsync(SetupRequest request, Actor actor, string? userAgent)
    {
        var admin = await userService.CreateAsync(request.Username, request.Password, request.DisplayName, [Roles.SystemAdmin], Actor.System with { Address = actor.Address }, onlyIfNoUsers: true);
        return await issuer.IssueAsync(admin, new SessionRequest(PasswordIdentityProvider.ProviderName, actor with { UserId = admin.Id }, userAgent));
    }

    public async Task<LoginResponse> LoginAsync(LoginRequest request, Actor actor, string? userAgent, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password) || request.Username.Length > 64 || request.Password.Length > 256)
            throw new ParleyException(400, ErrorCodes.ValidationFailed, "Username and password are required.");
        await throttle.CheckAsync(request.Username, actor.Address);
        var attempt = new CredentialAttempt(request.Username, request.Password, actor.Address);
        foreach (var provider in _providers)
        {
            var result = await provider.AuthenticateAsync(attempt, cancellationToken);
            if (result is IdentityResult.NotMine) continue;
            if (result is IdentityResult.Authenticated { User: { IsActive: true } user })
                return await issuer.IssueAsync(user, new SessionRequest(provider.Name, actor with { UserId = user.Id }, userAgent, request.TotpCode), cancellationToken);
            break; // rejected, or right but deactivated: both are a failure, answered alike
        }
        await throttle.RecordFailureAsync(request.Username, actor.Address);
        await failures.RecordAsync(request.Username, (await users.FindByUsernameAsync(request.Username))?.Id, ErrorCodes.InvalidCredentials, actor);
        throw AuthErrors.InvalidCredentials();
    }

    public async Task RevokeAsync(long userId, long? sessionId, Actor actor)
    {
        var revoked = await writer.ExecuteAsync(w =>
        {
            var ids = SessionStore.Revoke(w, userId, sessionId);
            if (ids.Count > 0) SystemLog.Append(w, actor, SystemEventTypes.SessionRevoked, userId, new { sessionIds = ids });
            return ids;
        });
        if (sessionId is not null && revoked.Count == 0) throw ParleyException.NotFound("The session");
        cache.EvictSessions(revoked);
    }

    public async Task<IReadOnlyList<SessionDto>> ListSessionsAsync(long userId, long currentSessionId) =>
        (await sessions.ListLiveAsync(userId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))
            .Select(s => new SessionDto(s.Id, UnixMs.To(s.CreatedAt), UnixMs.To(s.LastSeenAt), s.UserAgent, s.Id == currentSessionId))
            .ToList();
}

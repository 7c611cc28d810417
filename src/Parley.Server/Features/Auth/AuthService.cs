using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Users;
using Parley.Server.Storage;

namespace Parley.Server.Features.Auth;

public sealed class AuthService(
    UserStore users, SessionStore sessions, WriteQueue writer, Passwords passwords, SessionCache cache,
    UserService userService, IOptions<AuthOptions> options)
{
    public bool SetupNeeded() => users.Count() == 0;

    public async Task<LoginResponse> SetupAsync(SetupRequest request, string? userAgent)
    {
        var admin = await userService.CreateAsync(request.Username, request.Password, request.DisplayName, isAdmin: true, onlyIfNoUsers: true);
        return await IssueAsync(admin, userAgent);
    }

    public async Task<LoginResponse> LoginAsync(LoginRequest request, string? userAgent)
    {
        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password) || request.Username.Length > 64 || request.Password.Length > 256)
            throw new ParleyException(400, ErrorCodes.ValidationFailed, "Username and password are required.");

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var user = users.FindByUsername(request.Username);
        if (user is null)
        {
            passwords.Verify(passwords.DummyHash, request.Password); // same cost as a real check: no username probing by timing
            throw InvalidCredentials();
        }
        if (user.LockedUntil is { } until && until > now)
            throw new ParleyException(423, ErrorCodes.AccountLocked, "Too many failed logins: the account is locked for a while.", TimeSpan.FromMilliseconds(until - now));
        if (!passwords.Verify(user.PasswordHash, request.Password))
        {
            var o = options.Value;
            await writer.ExecuteAsync(w =>
            {
                UserStore.RecordLoginFailure(w, user.Id, o.LockoutAttempts, w.NowMs + (long)o.LockoutDuration.TotalMilliseconds);
                return 0;
            });
            throw InvalidCredentials();
        }
        if (!user.IsActive) throw new ParleyException(403, ErrorCodes.AccountDisabled, "This account is deactivated.");
        return await IssueAsync(user, userAgent);
    }

    private static ParleyException InvalidCredentials() =>
        new(401, ErrorCodes.InvalidCredentials, "The username or password is wrong.");

    private async Task<LoginResponse> IssueAsync(UserRecord user, string? userAgent)
    {
        var token = Tokens.New();
        var hash = Tokens.Hash(token);
        var expiresAt = DateTimeOffset.UtcNow.Add(options.Value.SessionLifetime).ToUnixTimeMilliseconds();
        var agent = userAgent is { Length: > 200 } ? userAgent[..200] : userAgent;
        var sessionId = await writer.ExecuteAsync(w =>
        {
            UserStore.RecordLoginSuccess(w, user.Id);
            return SessionStore.Insert(w, user.Id, hash, expiresAt, agent);
        });
        return new LoginResponse(token, user.ToDto(), sessionId, UnixMs.To(expiresAt));
    }

    public async Task RevokeAsync(long userId, long? sessionId)
    {
        var revoked = await writer.ExecuteAsync(w => SessionStore.Revoke(w, userId, sessionId));
        if (sessionId is not null && revoked.Count == 0) throw ParleyException.NotFound("The session");
        cache.EvictSessions(revoked);
    }

    public IReadOnlyList<SessionDto> ListSessions(long userId, long currentSessionId) =>
        sessions.ListLive(userId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
            .Select(s => new SessionDto(s.Id, UnixMs.To(s.CreatedAt), UnixMs.To(s.LastSeenAt), s.UserAgent, s.Id == currentSessionId))
            .ToList();
}

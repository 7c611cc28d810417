using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;

namespace Parley.Server.Features.Security;

/// <summary>
/// An account that must do something first — replace a password an administrator set, or enrol a second factor the
/// policy requires — is signed in but may call only what that takes (its own record, the password change, TOTP
/// enrolment, its sessions, sign-out, the client config). Everything else, the hub included, answers 403 with the
/// code that says what to do, so a client sends the user to the right screen.
/// </summary>
public sealed class AccountRestrictions(SecurityPolicy policy)
{
    public async ValueTask<string?> RequiredAsync(UserRecord user)
    {
        if (user.MustChangePassword) return ErrorCodes.PasswordChangeRequired;
        if (!user.TotpEnabled && await policy.RequiresTwoFactorAsync(user)) return ErrorCodes.TotpEnrollmentRequired;
        return null;
    }

    private static readonly (string Method, string Path)[] Allowed =
    [
        ("GET", "/api/v1/users/me"), ("PUT", "/api/v1/users/me/password"), ("POST", "/api/v1/users/me/totp"),
        ("POST", "/api/v1/users/me/totp/confirm"), ("GET", "/api/v1/auth/sessions"), ("DELETE", "/api/v1/auth/sessions/*"),
        ("POST", "/api/v1/auth/logout"), ("GET", "/api/v1/config"),
    ];

    public static bool IsAllowed(string method, PathString path)
    {
        var p = path.Value?.TrimEnd('/') ?? "";
        foreach (var (m, allowed) in Allowed)
        {
            if (!string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) continue;
            if (allowed.EndsWith("/*", StringComparison.Ordinal) ? p.StartsWith(allowed[..^1], StringComparison.OrdinalIgnoreCase) : string.Equals(p, allowed, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>
    /// After authentication: a restricted account's request outside <see cref="Allowed"/> ends here with 403. Any other
    /// request goes straight on (no frame of this middleware kept under a long request).
    /// </summary>
    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        if (http.User.FindFirst(TokenAuthenticationHandler.RequiresClaim)?.Value is not { } code || IsAllowed(http.Request.Method, http.Request.Path))
            return next(http);
        var detail = code == ErrorCodes.PasswordChangeRequired
            ? "Choose a new password first (PUT /api/v1/users/me/password)."
            : "Set up two-factor sign-in first (POST /api/v1/users/me/totp): the security policy requires it.";
        return Hosting.ProblemMapping.WriteAsync(http, 403, code, detail);
    }
}

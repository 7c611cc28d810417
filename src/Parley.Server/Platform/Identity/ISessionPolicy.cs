using Parley.Server.Features.Users;

namespace Parley.Server.Platform.Identity;

/// <summary>
/// A rule every new session must pass, whichever provider authenticated the user (a second factor, allowed networks,
/// a required password change). Throw a <see cref="Common.ParleyException"/> to refuse; return to allow.
/// </summary>
public interface ISessionPolicy
{
    Task CheckAsync(UserRecord user, SessionRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// What is known about the sign-in being turned into a session; <c>SecondFactor</c> is a code typed with the password
/// (TOTP or recovery). <c>SecondFactorByProvider</c>: the identity provider's own MFA is trusted in place of Parley's
/// (single sign-on with Parley:Oidc:TrustIdpMfa). <c>Scope</c> limits what the session reaches (<see cref="SessionScope"/>,
/// e.g. an embedded conversation) and <c>Lifetime</c> replaces Parley:Auth:SessionLifetime for it.
/// </summary>
public sealed record SessionRequest(string Provider, Actor Actor, string? UserAgent, string? SecondFactor = null, bool SecondFactorByProvider = false,
    SessionScope? Scope = null, TimeSpan? Lifetime = null);

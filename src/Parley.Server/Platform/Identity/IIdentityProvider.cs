using Parley.Server.Features.Users;

namespace Parley.Server.Platform.Identity;

/// <summary>
/// Something that can tell who a sign-in belongs to: Parley's own passwords today, LDAP/AD next. Providers are tried in
/// <see cref="Order"/>; the first that knows the account decides. A provider only authenticates: the
/// <see cref="SessionIssuer"/> creates the session, records it and applies the sign-in policies. Redirect-based
/// providers (OIDC) do not take credentials; they call the issuer from their callback endpoint.
/// </summary>
public interface IIdentityProvider
{
    /// <summary>Stable name, stored as the session's source and as <c>users.auth_source</c> of accounts it owns.</summary>
    string Name { get; }

    int Order { get; }

    Task<IdentityResult> AuthenticateAsync(CredentialAttempt attempt, CancellationToken cancellationToken);
}

/// <summary>A username and a secret, as typed on the sign-in form, and where they came from.</summary>
public sealed record CredentialAttempt(string Username, string Secret, string? Address);

public abstract record IdentityResult
{
    /// <summary>The account is this provider's and the secret is right. The user may still be deactivated: the issuer decides.</summary>
    public sealed record Authenticated(UserRecord User) : IdentityResult;

    /// <summary>The account is this provider's and the secret is wrong.</summary>
    public sealed record Rejected : IdentityResult;

    /// <summary>Not this provider's account: ask the next one.</summary>
    public sealed record NotMine : IdentityResult;

    public static readonly IdentityResult Wrong = new Rejected();
    public static readonly IdentityResult Pass = new NotMine();
}

using Parley.Server.Features.Users;
using Parley.Server.Platform.Identity;

namespace Parley.Server.Features.Auth;

/// <summary>Parley's own accounts: a PBKDF2 hash in <c>users.password_hash</c>. Accounts without one belong to another provider.</summary>
public sealed class PasswordIdentityProvider(UserStore users, Passwords passwords) : IIdentityProvider
{
    public const string ProviderName = "password";

    public string Name => ProviderName;

    public int Order => 0;

    public async Task<IdentityResult> AuthenticateAsync(CredentialAttempt attempt, CancellationToken cancellationToken)
    {
        var user = await users.FindByUsernameAsync(attempt.Username);
        if (user?.PasswordHash is not { } hash)
        {
            // Same cost as a real check, so timing does not tell which names exist.
            passwords.Verify(passwords.DummyHash, attempt.Secret);
            return IdentityResult.Pass;
        }
        return passwords.Verify(hash, attempt.Secret) ? new IdentityResult.Authenticated(user) : IdentityResult.Wrong;
    }
}

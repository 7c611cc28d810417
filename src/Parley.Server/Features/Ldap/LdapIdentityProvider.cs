using System.DirectoryServices.Protocols;
using Parley.Server.Common;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.Identity;

namespace Parley.Server.Features.Ldap;

/// <summary>
/// Sign-in against LDAP / Active Directory: the service account finds the typed username with the configured filter
/// (the username escaped per RFC 4515, so <c>*)(uid=*</c> matches nobody), then the found DN binds with the typed
/// password. Asked after Parley's own passwords, so a local account of the same name keeps working. An account the sync
/// has not brought in yet is created on its first sign-in.
/// </summary>
public sealed class LdapIdentityProvider(LdapSettings settings, LdapSync sync, UserStore users, ILogger<LdapIdentityProvider> log) : IIdentityProvider
{
    public string Name => LdapStore.AuthSource;

    public int Order => 10;

    private sealed record Found(LdapEntry? Entry, bool PasswordRight);

    public async Task<IdentityResult> AuthenticateAsync(CredentialAttempt attempt, CancellationToken cancellationToken)
    {
        var o = await settings.CurrentAsync();
        if (!o.Configured) return IdentityResult.Pass;
        // An empty password would make a simple bind "unauthenticated" and succeed (RFC 4513 §5.1.2).
        if (attempt.Secret.Length == 0) return IdentityResult.Wrong;
        Found found;
        try
        {
            found = await LdapDirectory.RunAsync(o, () =>
            {
                using var c = LdapDirectory.Connect(o);
                if (LdapSync.FindEntry(c, o, attempt.Username) is not { } e) return new Found(null, false);
                var entry = LdapDirectory.ToEntry(e, o, []);
                return new Found(entry, !entry.Disabled && Binds(o, e.DistinguishedName, attempt.Secret));
            }, cancellationToken);
        }
        catch (ParleyException ex)
        {
            // The directory being down must not lock out local accounts (they were asked first) nor reveal anything.
            log.LogWarning("LDAP sign-in could not reach the directory: {Code} {Message}", ex.Code, ex.Message);
            return IdentityResult.Wrong;
        }
        // The account found must be the one named: its username attribute equals what was typed (a second guard, after
        // the escaping, against a filter that matches more than it should).
        if (found.Entry is not { } entry || !string.Equals(entry.Username, attempt.Username, StringComparison.OrdinalIgnoreCase)) return IdentityResult.Pass;
        if (!found.PasswordRight) return IdentityResult.Wrong;
        var username = entry.Username!;
        var local = await users.FindByUsernameAsync(username);
        var user = local is { AuthSource: LdapStore.AuthSource } ? local : null;
        if (user is null)
        {
            if (local is not null) return IdentityResult.Wrong; // a name another provider owns
            try
            {
                UserService.ValidateUsername(username);
                user = await sync.CreateAsync(o, entry, username, Actor.System with { Address = attempt.Address });
            }
            catch (ParleyException ex)
            {
                log.LogWarning("LDAP sign-in could not create the account {Username}: {Message}", username, ex.Message);
                return IdentityResult.Wrong;
            }
        }
        return new IdentityResult.Authenticated(user);
    }

    /// <summary>Binds as the user on a connection of its own: the service connection keeps its identity.</summary>
    private static bool Binds(LdapOptions o, string dn, string password)
    {
        try
        {
            using var c = LdapDirectory.Connect(o, dn, password);
            return true;
        }
        catch (LdapException ex) when (ex.ErrorCode == 49)
        {
            return false; // invalidCredentials (RFC 4511): wrong password, or (AD) a disabled or locked account
        }
    }
}

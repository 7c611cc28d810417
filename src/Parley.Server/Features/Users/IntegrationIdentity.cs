using System.Security.Cryptography;
using Parley.Server.Storage;

namespace Parley.Server.Features.Users;

/// <summary>
/// The identity an integration posts as (an incoming webhook, an external slash command): a user row of kind 'webhook'
/// with no password (it never signs in) and a random user name, so its messages take the normal send path and clients
/// show it with the bot badge.
/// </summary>
public static class IntegrationIdentity
{
    public static UserRecord Create(WriteContext w, string usernamePrefix, string displayName)
    {
        var username = usernamePrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var identity = UserStore.Insert(w, username, displayName, passwordHash: null, authSource: UserKinds.Webhook, externalId: null);
        UserStore.SetKind(w, identity.Id, UserKinds.Webhook);
        return identity;
    }
}

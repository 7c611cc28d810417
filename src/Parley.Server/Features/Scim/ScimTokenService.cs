using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Scim;

/// <summary>
/// SCIM provisioning tokens: made by an administrator (users.manage), shown once, stored as SHA-256, revocable. Their
/// own prefix and their own authentication scheme keep them apart from session tokens: a SCIM token is refused on
/// /api/v1 (it is not a session) and a session token is refused on /scim (see <see cref="ScimAuthenticationHandler"/>).
/// </summary>
public sealed class ScimTokenService(ScimTokenStore store, WriteQueue writer)
{
    public const string Prefix = "pscim_";

    /// <summary>last_used_at is written at most this often per token, so a sync of thousands of users is not thousands of writes.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, long> _touched = new();

    public Task<IReadOnlyList<ScimTokenDto>> ListAsync(Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        return store.ListAsync();
    }

    public async Task<CreatedScimTokenDto> CreateAsync(CreateScimTokenRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl)) throw ParleyException.Invalid("name", "A token's name is 1–100 characters with no control characters.");
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var row = await writer.ExecuteAsync(w =>
        {
            var id = ScimTokenStore.Insert(w, name, Tokens.Hash(secret), actor.UserId);
            SystemLog.Append(w, actor, SystemEventTypes.ScimTokenCreated, id, new { name });
            return ScimTokenStore.Get(w, id)!;
        });
        return new CreatedScimTokenDto(row.ToDto(), secret, ScimApi.BasePath);
    }

    public async Task RevokeAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        await writer.ExecuteAsync(w =>
        {
            var row = ScimTokenStore.Get(w, id) ?? throw ParleyException.NotFound("The SCIM token");
            if (ScimTokenStore.Revoke(w, id)) SystemLog.Append(w, actor, SystemEventTypes.ScimTokenRevoked, id, new { row.Name });
            return 0;
        });
    }

    /// <summary>
    /// The live token for a bearer secret, or null. Not cached: revocation must take effect on the next request on every
    /// node, and one indexed read per provisioning call is cheap next to the call itself.
    /// </summary>
    public async Task<ScimTokenStore.Row?> AuthenticateAsync(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var row = await store.FindLiveAsync(Tokens.Hash(secret));
        if (row is null) return null;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var last = _touched.GetOrAdd(row.Id, row.LastUsedAt ?? 0);
        if (now - last >= TouchEvery.TotalMilliseconds && _touched.TryUpdate(row.Id, now, last))
            await writer.ExecuteAsync(w => { ScimTokenStore.Touch(w, row.Id, now); return 0; });
        return row;
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.Identity;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Embed;

/// <summary>
/// Embedding (issue 17): an administrator registers an application with the origins that may frame Parley and gets its
/// secret once; the application's back end trades the secret for a short-lived, single-use token for one of its
/// users and one scope; the embed page trades the token for a session limited to that scope
/// (<see cref="SessionScope"/>). Only hashes of secrets and tokens are stored.
/// </summary>
public sealed class EmbedService(EmbedStore store, WriteQueue writer, UserStore users, ConversationService conversations,
    SessionIssuer issuer, EmbedFrameAncestors frameAncestors, IOptionsMonitor<EmbedOptions> options)
{
    public const string SecretPrefix = "pes_", TokenPrefix = "pet_", ProviderName = "embed";
    public const int MaxOrigins = 20;

    public async Task<IReadOnlyList<EmbedAppDto>> ListAppsAsync(Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        return (await store.ListAppsAsync()).Select(a => a.ToDto()).ToList();
    }

    public async Task<CreatedEmbedAppDto> CreateAppAsync(CreateEmbedAppRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        var (name, origins) = Validate(request);
        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var app = await writer.ExecuteAsync(w =>
        {
            var id = EmbedStore.InsertApp(w, name, Tokens.Hash(secret), origins, actor.UserId);
            SystemLog.Append(w, actor, SystemEventTypes.EmbedAppCreated, id, new { name, allowedOrigins = origins });
            return EmbedStore.GetApp(w, id)!;
        });
        frameAncestors.Invalidate();
        return new CreatedEmbedAppDto(app.Id, secret, app.ToDto());
    }

    public async Task<EmbedAppDto> UpdateAppAsync(long id, CreateEmbedAppRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        var (name, origins) = Validate(request);
        var app = await writer.ExecuteAsync(w =>
        {
            if (!EmbedStore.UpdateApp(w, id, name, origins)) throw ParleyException.NotFound("The application");
            SystemLog.Append(w, actor, SystemEventTypes.EmbedAppUpdated, id, new { name, allowedOrigins = origins });
            return EmbedStore.GetApp(w, id)!;
        });
        frameAncestors.Invalidate();
        return app.ToDto();
    }

    public async Task RevokeAppAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        await writer.ExecuteAsync(w =>
        {
            if (!EmbedStore.RevokeApp(w, id)) throw ParleyException.NotFound("The application");
            return SystemLog.Append(w, actor, SystemEventTypes.EmbedAppRevoked, id);
        });
        frameAncestors.Invalidate();
    }

    private static (string Name, IReadOnlyList<string> Origins) Validate(CreateEmbedAppRequest request)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl)) throw ParleyException.Invalid("name", "A name of 1 to 100 characters is required.");
        var origins = (request.AllowedOrigins ?? []).Select(o => EmbedOrigins.Normalize(o)).ToList();
        if (origins.Count is 0 or > MaxOrigins) throw ParleyException.Invalid("allowedOrigins", $"List 1 to {MaxOrigins} origins, e.g. https://oa.example.com.");
        if (origins.IndexOf(null) is var bad and >= 0)
            throw ParleyException.Invalid("allowedOrigins", $"'{request.AllowedOrigins![bad]}' is not an origin: scheme, host and optional port, e.g. https://oa.example.com (no path, no wildcard).");
        return (name, origins.OfType<string>().Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The application's back end asks for a token for one of its users (authenticated by the app's secret).</summary>
    public async Task<EmbedTokenDto> IssueTokenAsync(string? secret, string? origin, CreateEmbedTokenRequest request, string baseUrl)
    {
        if (secret is not { Length: > 4 and <= 100 } || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
            || await store.FindLiveAppAsync(Tokens.Hash(secret)) is not { } app)
            throw new ParleyException(401, ErrorCodes.Unauthenticated, "An embedding application's secret is required: Authorization: Bearer pes_….");
        // A browser calling with the secret (it should not hold it) says where from; anything unlisted is refused.
        if (origin is not null && !app.Origins.Contains(EmbedOrigins.Normalize(origin) ?? "", StringComparer.Ordinal))
            throw new ParleyException(403, ErrorCodes.OriginNotAllowed, $"The origin '{origin}' is not one of this application's allowed origins.");
        var user = await FindUserAsync(request.User);
        var scope = request.Scope switch
        {
            { ConversationId: { } id, Client: not true } => SessionScope.ForConversation(id),
            { ConversationId: null, Client: true } => SessionScope.Client,
            _ => throw ParleyException.Invalid("scope", "The scope is either { \"conversationId\": <id> } or { \"client\": true }."),
        };
        if (scope.ConversationId is { } conversationId) await conversations.RequireMemberAsync(user.Id, conversationId);
        var longest = options.CurrentValue.TokenLifetime;
        var ttl = request.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : longest;
        if (ttl < TimeSpan.FromSeconds(10) || ttl > longest)
            throw ParleyException.Invalid("ttlSeconds", $"ttlSeconds is 10 to {(int)longest.TotalSeconds} (Parley:Embed:TokenLifetime).");
        var token = TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expiresAt = await writer.ExecuteAsync(w =>
        {
            var expires = w.NowMs + (long)ttl.TotalMilliseconds;
            EmbedStore.InsertToken(w, app.Id, Tokens.Hash(token), user.Id, scope.ToString(), expires);
            return expires;
        });
        return new EmbedTokenDto(token, UnixMs.To(expiresAt), $"{baseUrl.TrimEnd('/')}/embed#token={token}");
    }

    private async Task<UserRecord> FindUserAsync(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw ParleyException.Invalid("user", "user is the username or external id of an account.");
        var user = await users.FindByUsernameAsync(name)
            ?? (await store.UserIdByExternalIdAsync(name) is { } id ? await users.FindAsync(id) : null);
        if (user is null || !user.IsActive) throw ParleyException.NotFound("The user");
        return user;
    }

    /// <summary>
    /// The embed page trades its token for a session, once. <paramref name="request"/>'s parentOrigin is what the
    /// browser told the frame about its parent (advisory: a script could lie; frame-ancestors is what the browser enforces).
    /// </summary>
    public async Task<EmbedSessionDto> StartSessionAsync(CreateEmbedSessionRequest request, Actor actor, string? userAgent)
    {
        var token = request.Token;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (token is not { Length: > 4 and <= 100 } || !token.StartsWith(TokenPrefix, StringComparison.Ordinal)
            || await store.FindUsableTokenAsync(Tokens.Hash(token), now) is not { } row)
            throw InvalidToken();
        if (!string.IsNullOrEmpty(request.ParentOrigin))
        {
            var parent = EmbedOrigins.Normalize(request.ParentOrigin);
            if (parent is null || !(EmbedStore.AppRow.Split(row.AllowedOrigins).Contains(parent, StringComparer.Ordinal) || frameAncestors.ConfiguredAllows(parent)))
                throw new ParleyException(403, ErrorCodes.OriginNotAllowed, $"This page is framed by '{request.ParentOrigin}', which the application does not list.");
        }
        if (await users.FindAsync(row.UserId) is not { IsActive: true } user) throw InvalidToken();
        var scope = SessionScope.Parse(row.Scope)!.Value;
        if (scope.ConversationId is { } conversationId) await conversations.RequireMemberAsync(user.Id, conversationId);
        if (!await writer.ExecuteAsync(w => EmbedStore.UseToken(w, row.Id))) throw InvalidToken();
        // The application's back end signed the user in (its own sign-in, its own second factor): it stands for the
        // identity provider, as single sign-on does with TrustIdpMfa.
        var login = await issuer.IssueAsync(user, new SessionRequest(ProviderName, actor with { UserId = user.Id }, userAgent,
            SecondFactorByProvider: true, Scope: scope, Lifetime: options.CurrentValue.SessionLifetime));
        return new EmbedSessionDto(login.Token, EmbedOrigins.WithoutRoles(login.User), login.SessionId, login.ExpiresAt, scope.ToString(), scope.ConversationId);
    }

    private static ParleyException InvalidToken() =>
        new(401, ErrorCodes.EmbedTokenInvalid, "This embed token is unknown, expired or already used: ask the application for a new one.");
}

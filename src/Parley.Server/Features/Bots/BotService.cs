using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Bots;

/// <summary>
/// Bot users (issue 17), managed with integrations.manage. A bot is a user row of kind 'bot' without a password (no
/// identity provider signs it in; <c>SessionIssuer</c> refuses it too); its token is a session of that user that does not
/// expire, stored as SHA-256 like every session token and shown once. Rotating revokes the old session (its cached
/// entry and hub connections end on every node, as a revoked user session does); deactivating is the users' own path.
/// </summary>
public sealed class BotService(BotStore store, WriteQueue writer, UserService users, SessionCache cache)
{
    /// <summary>Bot tokens do not expire by time: they end by rotation or deactivation.</summary>
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(365 * 100);

    public const string SessionProvider = "bot";

    public async Task<IReadOnlyList<BotDto>> ListAsync(Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        return [.. (await store.ListAsync()).Select(ToDto)];
    }

    public async Task<BotTokenDto> CreateAsync(CreateBotRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        UserService.ValidateUsername(request.Username);
        var scopes = BotScopeSet.Validate(request.Scopes);
        var name = await users.CleanDisplayNameAsync(request.DisplayName, request.Username!, actor);
        var token = Tokens.New();
        var id = await writer.ExecuteAsync(w =>
        {
            if (UserStore.UsernameTaken(w, request.Username!))
                throw new ParleyException(409, ErrorCodes.Conflict, $"The username '{request.Username}' is taken.");
            var user = UserStore.Insert(w, request.Username!, name, passwordHash: null, SessionProvider, externalId: null);
            BotStore.MarkBot(w, user.Id);
            BotStore.Insert(w, user.Id, BotScopeSet.Store(scopes), NewSession(w, user.Id, token), actor.UserId);
            SystemLog.Append(w, actor, SystemEventTypes.BotCreated, user.Id, new { username = user.Username, scopes });
            return user.Id;
        });
        return new BotTokenDto(id, token);
    }

    public async Task<BotTokenDto> RotateTokenAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        var token = Tokens.New();
        var revoked = await writer.ExecuteAsync(w =>
        {
            var bot = BotStore.Get(w, id) ?? throw ParleyException.NotFound("The bot");
            if (!bot.IsActive) throw new ParleyException(409, ErrorCodes.Conflict, "The bot is deactivated; activate it before issuing a token.");
            var ended = SessionStore.Revoke(w, id, null);
            BotStore.SetSession(w, id, NewSession(w, id, token));
            SystemLog.Append(w, actor, SystemEventTypes.BotTokenRotated, id, new { sessionIds = ended });
            return ended;
        });
        cache.EvictSessions(revoked);
        return new BotTokenDto(id, token);
    }

    public async Task<BotDto> SetScopesAsync(long id, SetBotScopesRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        var scopes = BotScopeSet.Validate(request.Scopes);
        var row = await writer.ExecuteAsync(w =>
        {
            var bot = BotStore.Get(w, id) ?? throw ParleyException.NotFound("The bot");
            BotStore.SetScopes(w, id, BotScopeSet.Store(scopes));
            SystemLog.Append(w, actor, SystemEventTypes.BotScopesChanged, id, new { from = BotScopeSet.Parse(bot.Scopes), to = scopes });
            return BotStore.Get(w, id)!;
        });
        cache.EvictUser(id, ended: false); // the next request reads the new scopes
        return ToDto(row);
    }

    /// <summary>Deactivates or reactivates the bot through the users' own path (sessions end everywhere, user.deactivated logged).</summary>
    public async Task<BotDto> SetActiveAsync(long id, bool active, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        await RequireBotAsync(id);
        await users.UpdateAsync(id, new UpdateUserRequest(null, active, null), actor);
        return await GetAsync(id);
    }

    private async Task RequireBotAsync(long id)
    {
        if (await store.FindAsync(id) is null) throw ParleyException.NotFound("The bot");
    }

    private async Task<BotDto> GetAsync(long id) =>
        await store.FindAsync(id) is { } row ? ToDto(row) : throw ParleyException.NotFound("The bot");

    private static long NewSession(WriteContext w, long userId, string token) =>
        SessionStore.Insert(w, userId, Tokens.Hash(token), w.NowMs + (long)TokenLifetime.TotalMilliseconds, "bot token", SessionProvider);

    private static BotDto ToDto(BotStore.Row r) =>
        new(r.Id, r.Username, r.DisplayName, BotScopeSet.Parse(r.Scopes), r.IsActive, UnixMs.To(r.CreatedAt), UnixMs.To(r.TokenCreatedAt));
}

using Microsoft.AspNetCore.SignalR;
using Parley.Contracts;
using Parley.Server.Features.Auth;

namespace Parley.Server.Features.Bots;

/// <summary>
/// The one place a bot's token is limited to its scopes (issue 17): a map from endpoint (HTTP method and route
/// pattern) and hub method to the scope it needs. A bot calling anything not in the map — administration, settings,
/// other people's data, this very bot API — gets 403 <c>scope_missing</c> before the endpoint runs; services stay
/// unaware of bots (membership and ownership rules still apply to a bot as to any user). A new endpoint is refused to
/// bots until it is added here, and <c>BotScopeMatrixTests</c> walks every endpoint of the server to prove it.
/// </summary>
public static class BotScopeGate
{
    /// <summary>Scope per "METHOD /route/pattern" (without a trailing slash); "" means any bot token may call it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Endpoints = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GET /api/v1/users/me"] = "",
        // A hub connection is opened with a ticket; what a bot may do on it is decided per method below.
        ["POST /api/v1/auth/hub-ticket"] = "",
        ["POST /api/v1/conversations/{id:long}/messages"] = BotScopes.MessagesWrite,
        ["PATCH /api/v1/messages/{id:long}"] = BotScopes.MessagesWrite,
        ["DELETE /api/v1/messages/{id:long}"] = BotScopes.MessagesWrite,
        ["GET /api/v1/conversations/{id:long}/messages"] = BotScopes.MessagesRead,
        ["GET /api/v1/conversations/{id:long}/events"] = BotScopes.MessagesRead,
        ["GET /api/v1/conversations/{id:long}/pins"] = BotScopes.MessagesRead,
        ["GET /api/v1/messages/{id:long}"] = BotScopes.MessagesRead,
        ["GET /api/v1/files/{id:long}"] = BotScopes.MessagesRead,
        ["HEAD /api/v1/files/{id:long}"] = BotScopes.MessagesRead,
        ["GET /api/v1/files/{id:long}/thumbnail"] = BotScopes.MessagesRead,
        ["HEAD /api/v1/files/{id:long}/thumbnail"] = BotScopes.MessagesRead,
        ["PUT /api/v1/messages/{id:long}/reactions/{emoji}"] = BotScopes.ReactionsWrite,
        ["DELETE /api/v1/messages/{id:long}/reactions/{emoji}"] = BotScopes.ReactionsWrite,
        ["POST /api/v1/files"] = BotScopes.FilesWrite,
        ["POST /api/v1/uploads"] = BotScopes.FilesWrite,
        ["GET /api/v1/uploads/{uploadId}"] = BotScopes.FilesWrite,
        ["HEAD /api/v1/uploads/{uploadId}"] = BotScopes.FilesWrite,
        ["PATCH /api/v1/uploads/{uploadId}"] = BotScopes.FilesWrite,
        ["POST /api/v1/uploads/{uploadId}/complete"] = BotScopes.FilesWrite,
        ["DELETE /api/v1/uploads/{uploadId}"] = BotScopes.FilesWrite,
        ["GET /api/v1/conversations"] = BotScopes.ConversationsRead,
        ["GET /api/v1/conversations/{id:long}"] = BotScopes.ConversationsRead,
        ["GET /api/v1/conversations/{id:long}/members"] = BotScopes.ConversationsRead,
        ["GET /api/v1/users/{id:long}"] = BotScopes.ConversationsRead,
        ["GET /api/v1/sync"] = BotScopes.ConversationsRead,
    };

    /// <summary>Scope per hub method (connecting itself needs <see cref="HubConnectScope"/>); presence is not for bots.</summary>
    public static readonly IReadOnlyDictionary<string, string> HubMethods = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [HubNames.Send] = BotScopes.MessagesWrite,
        [HubNames.SendMessage] = BotScopes.MessagesWrite,
        [HubNames.MarkRead] = BotScopes.MessagesRead,
        [HubNames.Typing] = BotScopes.MessagesWrite,
        [HubNames.Hello] = "",
    };

    /// <summary>The hub pushes every event of the bot's conversations, message texts included: connecting needs messages:read.</summary>
    public const string HubConnectScope = BotScopes.MessagesRead;

    /// <summary>The scope an endpoint needs from a bot, or null when bots may not call it at all.</summary>
    public static string? ScopeFor(string method, string routePattern)
    {
        if (routePattern.StartsWith(HubNames.Path, StringComparison.Ordinal)) return HubConnectScope;
        return Endpoints.TryGetValue($"{method} {routePattern.TrimEnd('/')}", out var scope) ? scope : null;
    }

    /// <summary>A bot's request to an endpoint its scopes do not cover ends here with 403; any other request goes straight on.</summary>
    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        if (!CurrentUser.IsBot(http.User) || http.GetEndpoint() is not RouteEndpoint endpoint) return next(http);
        var needed = ScopeFor(http.Request.Method, endpoint.RoutePattern.RawText ?? "");
        if (needed is not null && (needed.Length == 0 || http.User.HasClaim(CurrentUser.ScopeClaim, needed))) return next(http);
        return Hosting.ProblemMapping.WriteAsync(http, 403, ErrorCodes.ScopeMissing, needed is null
            ? "Bot tokens cannot call this endpoint."
            : $"This bot's token lacks the scope '{needed}'.");
    }
}

/// <summary>The hub side of <see cref="BotScopeGate"/>: a bot may call only the hub methods its scopes cover.</summary>
public sealed class BotHubScopes : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var user = invocationContext.Context.User;
        if (user is not null && CurrentUser.IsBot(user))
        {
            var method = invocationContext.HubMethodName;
            // A HubException in HubGuard's form ("code: message").
            if (!BotScopeGate.HubMethods.TryGetValue(method, out var needed))
                throw new HubException($"{ErrorCodes.ScopeMissing}: Bot tokens cannot call the hub method '{method}'.");
            if (needed.Length > 0 && !user.HasClaim(CurrentUser.ScopeClaim, needed))
                throw new HubException($"{ErrorCodes.ScopeMissing}: This bot's token lacks the scope '{needed}'.");
        }
        return await next(invocationContext);
    }
}

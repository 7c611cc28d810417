using Parley.Contracts;
using Parley.Server.Platform.Identity;

namespace Parley.Server.Features.Embed;

/// <summary>
/// The REST boundary of scoped sessions, in one place: after authentication and routing, a session limited to one
/// conversation reaches only the routes listed here, and only for its own conversation (a conversation route's
/// <c>{id}</c>, or the conversation of a message route's <c>{id}</c>); every other /api route answers 403
/// <c>scope_denied</c>, before any endpoint runs. The hub's twin is <c>HubGuard.ScopedCallAllowed</c>. Membership is
/// still checked by the services as for any session.
/// </summary>
public static class EmbedScopeGuard
{
    /// <summary>What a route's <c>{id}</c> must be for a conversation-scoped session.</summary>
    public enum Target { None, Conversation, Message, Member, File }

    /// <summary>(method, route pattern without trailing slash) → what its id names.</summary>
    public static readonly IReadOnlyDictionary<(string Method, string Pattern), Target> ConversationRoutes = new Dictionary<(string, string), Target>
    {
        // The session itself and what every screen needs; nothing about other conversations.
        [("GET", "/api/v1/users/me")] = Target.None,
        [("GET", "/api/v1/config")] = Target.None,
        [("POST", "/api/v1/auth/logout")] = Target.None,
        [("POST", "/api/v1/auth/hub-ticket")] = Target.None,
        [("GET", "/api/v1/custom-emoji")] = Target.None,
        [("GET", "/api/v1/custom-emoji/{name}/image")] = Target.None,
        // People who are or were in the conversation (senders, members): their profile and avatar.
        [("GET", "/api/v1/users/{id:long}")] = Target.Member,
        [("GET", "/api/v1/users/{id:long}/avatar")] = Target.Member,
        // The conversation: read, post, read position, draft.
        [("GET", "/api/v1/conversations/{id:long}")] = Target.Conversation,
        [("GET", "/api/v1/conversations/{id:long}/members")] = Target.Conversation,
        [("GET", "/api/v1/conversations/{id:long}/messages")] = Target.Conversation,
        [("POST", "/api/v1/conversations/{id:long}/messages")] = Target.Conversation,
        [("GET", "/api/v1/conversations/{id:long}/events")] = Target.Conversation,
        [("GET", "/api/v1/conversations/{id:long}/pins")] = Target.Conversation,
        [("POST", "/api/v1/conversations/{id:long}/read")] = Target.Conversation,
        [("PUT", "/api/v1/conversations/{id:long}/draft")] = Target.Conversation,
        [("DELETE", "/api/v1/conversations/{id:long}/draft")] = Target.Conversation,
        // Its messages: react, edit, delete, recall one's own, receipts.
        [("GET", "/api/v1/messages/{id:long}")] = Target.Message,
        [("PATCH", "/api/v1/messages/{id:long}")] = Target.Message,
        [("DELETE", "/api/v1/messages/{id:long}")] = Target.Message,
        [("POST", "/api/v1/messages/{id:long}/recall")] = Target.Message,
        [("PUT", "/api/v1/messages/{id:long}/reactions/{emoji}")] = Target.Message,
        [("DELETE", "/api/v1/messages/{id:long}/reactions/{emoji}")] = Target.Message,
        [("GET", "/api/v1/messages/{id:long}/receipts")] = Target.Message,
        // Files: upload (visible only to the uploader until sent, and sending is bound to the conversation above), and
        // read those sent in the conversation or the session's own unsent uploads (a visitor's image, issue 18).
        [("POST", "/api/v1/files")] = Target.None,
        [("GET", "/api/v1/files/{id:long}")] = Target.File,
        [("HEAD", "/api/v1/files/{id:long}")] = Target.File,
        [("GET", "/api/v1/files/{id:long}/thumbnail")] = Target.File,
        [("HEAD", "/api/v1/files/{id:long}/thumbnail")] = Target.File,
        [("POST", "/api/v1/files/{id:long}/links")] = Target.File,
        // A website visitor's guest token (Features/Service): ask for a person, rate the closed chat, the widget's state line.
        [("POST", "/api/v1/service/conversations/{id:long}/handoff")] = Target.Conversation,
        [("POST", "/api/v1/service/conversations/{id:long}/rating")] = Target.Conversation,
        [("GET", "/api/v1/service/conversations/{id:long}/visitor-state")] = Target.Conversation,
    };

    /// <summary>Only a scoped session's API request is checked; any other request goes straight on (no frame kept under a long request).</summary>
    public static Task Middleware(HttpContext http, RequestDelegate next) =>
        SessionScope.Of(http.User) is { ConversationId: { } only } && http.Request.Path.StartsWithSegments("/api")
        && !http.Request.Path.StartsWithSegments(HubNames.Path) // the hub checks each call itself (HubGuard)
            ? CheckedAsync(http, next, only)
            : next(http);

    private static async Task CheckedAsync(HttpContext http, RequestDelegate next, long only)
    {
        if (!await AllowedAsync(http, only))
        {
            await Hosting.ProblemMapping.WriteAsync(http, 403, ErrorCodes.ScopeDenied,
                "This session is limited to one conversation (an embedded view): this request is outside it.");
            return;
        }
        await next(http);
    }

    private static async ValueTask<bool> AllowedAsync(HttpContext http, long conversationId)
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint) return false;
        var key = (http.Request.Method.ToUpperInvariant(), endpoint.RoutePattern.RawText?.TrimEnd('/') ?? "");
        if (!ConversationRoutes.TryGetValue(key, out var target)) return false;
        if (target == Target.None) return true;
        if (!long.TryParse(http.Request.RouteValues["id"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return false;
        var store = http.RequestServices.GetRequiredService<EmbedStore>();
        return target switch
        {
            Target.Conversation => id == conversationId,
            Target.Message => await store.ConversationOfMessageAsync(id) == conversationId,
            Target.File => await store.FileInScopeAsync(id, conversationId, Auth.CurrentUser.Id(http.User)),
            _ => await store.WasMemberAsync(conversationId, id),
        };
    }
}

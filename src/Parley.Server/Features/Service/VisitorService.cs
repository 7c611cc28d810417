using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Ai;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Embed;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.Identity;
using Parley.Server.Storage;

namespace Parley.Server.Features.Service;

/// <summary>
/// The visitor's side. A session makes a user of kind <c>visitor</c> (external, no password), a group conversation
/// named after it with the widget's service bot (owner) and the visitor, the service conversation row, and a guest
/// token: an ordinary session scoped to that one conversation (<see cref="SessionScope.ForConversation"/>), so
/// EmbedScopeGuard and the hub keep it there. Starting is anonymous, limited per address and per widget, and refused
/// from origins the widget does not list; under load a proof-of-work challenge comes first (<see cref="VisitorChallenges"/>).
/// </summary>
public sealed class VisitorService(
    ServiceStore store, ServiceRouter router, ServiceNotices notices, VisitorIdentity identity, WriteQueue writer, SessionIssuer issuer, UserStore users, UserService userService,
    AiChat ai, IRateCounter rate, VisitorChallenges challenges, IOptionsMonitor<ServiceOptions> options)
{
    public const string ProviderName = "visitor";

    private ServiceOptions O => options.CurrentValue;

    public async Task<ServiceWidgetPublicDto> PublicWidgetAsync(long id, string? origin, string selfOrigin, string? address)
    {
        await LimitAsync("service-public:" + address, O.PublicRequestsPerMinute, "Too many requests from this address; wait a minute.");
        var widget = await store.WidgetAsync(id) ?? throw ParleyException.NotFound("The widget");
        CheckOrigin(widget, origin, selfOrigin, null);
        return widget.ToPublicDto();
    }

    /// <summary>Whether a cross-origin page may read the answer (CORS): any when the widget lists no origin, else the listed ones.</summary>
    public static bool MayRead(ServiceStore.WidgetRow widget, string origin) =>
        widget.Origins.Count == 0 || (EmbedOrigins.Normalize(origin) is { } o && widget.Origins.Contains(o, StringComparer.Ordinal));

    public Task<ServiceStore.WidgetRow?> WidgetAsync(long id) => store.WidgetAsync(id);

    /// <summary>
    /// The request's Origin (a browser sends it on cross-origin and on POST requests) and the host page the widget says
    /// it sits on must be listed when the widget lists origins; Parley's own origin (the widget's frame) always passes.
    /// The page is what the frame was told, so it is advisory; the Origin header is what the browser vouches for.
    /// </summary>
    private static void CheckOrigin(ServiceStore.WidgetRow widget, string? origin, string selfOrigin, string? page)
    {
        if (widget.Origins.Count == 0) return;
        var self = EmbedOrigins.Normalize(selfOrigin);
        bool Passes(string? o) => EmbedOrigins.Normalize(o) is { } n && (n == self || widget.Origins.Contains(n, StringComparer.Ordinal));
        if (!string.IsNullOrEmpty(origin) && !Passes(origin))
            throw new ParleyException(403, ErrorCodes.OriginNotAllowed, $"The origin '{origin}' is not one of this widget's allowed origins.");
        if (!string.IsNullOrEmpty(page) && Uri.TryCreate(page, UriKind.Absolute, out var pageUri) && !Passes(pageUri.GetLeftPart(UriPartial.Authority)))
            throw new ParleyException(403, ErrorCodes.OriginNotAllowed, "The page the widget is on is not on one of this widget's allowed origins.");
    }

    private async Task LimitAsync(string key, int limit, string message)
    {
        var decision = await rate.TryTakeAsync(key, limit, TimeSpan.FromMinutes(1));
        if (!decision.Allowed) throw new ParleyException(429, ErrorCodes.RateLimited, message, decision.RetryAfter);
    }

    /// <summary>The rate counters of session creation (also what <see cref="VisitorChallenges"/> reads as the load).</summary>
    internal static string AddressLimitKey(string? address) => "service-visitor:" + address;

    internal static string WidgetLimitKey(long widgetId) => "service-widget:" + widgetId;

    public async Task<VisitorSessionDto> StartAsync(CreateVisitorSessionRequest request, Actor actor, string? origin, string selfOrigin, string? userAgent, string? acceptLanguage)
    {
        if (request.WidgetId is not { } widgetId) throw ParleyException.Invalid("widgetId", "widgetId is required.");
        await LimitAsync(AddressLimitKey(actor.Address), O.SessionsPerMinutePerAddress, "Too many chats started from this address; wait a minute.");
        var widget = await store.WidgetAsync(widgetId) ?? throw ParleyException.NotFound("The widget");
        var page = Url(request.Page, "page");
        var referrer = Url(request.Referrer, "referrer");
        CheckOrigin(widget, origin, selfOrigin, page);
        // A solution is checked whenever one is sent; without one, the load decides (checked before the widget's window
        // counts this request, so unsolved requests do not use up the widget's sessions).
        VisitorChallenges.Solution? solution = null;
        if (request.ChallengeToken is not null || request.ChallengeNonce is not null) solution = challenges.Check(request.ChallengeToken, request.ChallengeNonce, widget.Id);
        else if (await challenges.RequiredAsync(widget.Id, actor.Address)) throw challenges.Demand(widget.Id);
        await LimitAsync(WidgetLimitKey(widget.Id), O.SessionsPerMinutePerWidget, "This widget is starting too many chats; try again in a minute.");

        var known = request.IdentityToken is { Length: > 0 } token ? await identity.VerifyAsync(token, widget.IdentitySecret) : null;
        var givenName = known?.Name ?? request.Name;
        // The name passes the text pipeline as every display name does (sensitive words: blocked or masked); stored as text.
        var name = string.IsNullOrWhiteSpace(givenName) ? "Visitor " + RandomNumberGenerator.GetInt32(1000, 10000)
            : await userService.ScreenNameAsync(ServiceSetup.Name(givenName, "name", 80), actor);
        var email = ServiceSetup.Optional(known?.Email ?? request.Email, "email", 200);
        if (email is not null && (!email.Contains('@') || email.Any(char.IsWhiteSpace))) throw ParleyException.Invalid("email", "email is an address like ann@example.com.");
        var agent = userAgent is { Length: > 300 } ua ? ua[..300] : userAgent;
        var language = acceptLanguage?.TrimStart().StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? KnowledgeLanguages.Chinese : KnowledgeLanguages.English;
        var state = O.BotEnabled && (ai.ProviderEnabled || await store.HasKnowledgeAsync()) ? ServiceStates.Bot : ServiceStates.Waiting;
        var online = state == ServiceStates.Waiting ? await router.OnlineAsync(widget.QueueId) : new HashSet<long>();

        var (visitor, conversationId) = await writer.ExecuteAsync(w =>
        {
            if (solution is not null && !VisitorChallenges.Use(w, solution)) throw VisitorChallenges.Invalid("This challenge was used already; ask for a new one.");
            var user = UserStore.Insert(w, "visitor-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), name, passwordHash: null, authSource: ProviderName, externalId: null);
            UserStore.SetKind(w, user.Id, UserKinds.Visitor);
            UserStore.SetExternal(w, user.Id, true);
            var id = ConversationStore.Insert(w, ConversationKinds.Group, name, null, null, user.Id);
            ConversationService.Join(w, id, widget.BotUserId, MemberRoles.Owner, actor: widget.BotUserId);
            ConversationService.Join(w, id, user.Id, MemberRoles.Member, actor: widget.BotUserId);
            ServiceStore.InsertConversation(w, id, widget, state, user.Id, known?.Subject, name, email, page, referrer, agent, language);
            if (state == ServiceStates.Waiting) ServiceRouter.Offer(w, id, online);
            ServiceRouter.LogState(w, id, widget.BotUserId);
            ServiceRouter.Updated(w, id);
            return (UserStore.Get(w, user.Id)!, id);
        });
        var login = await issuer.IssueAsync(visitor, new SessionRequest(ProviderName, actor with { UserId = visitor.Id }, agent, SecondFactorByProvider: true,
            Scope: SessionScope.ForConversation(conversationId), Lifetime: O.VisitorSessionLifetime));
        return new VisitorSessionDto(login.SessionId, login.Token, conversationId, visitor.Id, state);
    }

    private static string? Url(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Length > 2000 || !Uri.TryCreate(text, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
            throw ParleyException.Invalid(field, $"{field} is an http(s) address of at most 2000 characters.");
        return u.AbsoluteUri;
    }

    /// <summary>The caller's own service conversation (any other: 404, as for a stranger).</summary>
    private async Task<ServiceStore.ConversationRow> OwnAsync(Actor actor, long id) =>
        await store.ConversationAsync(id) is { } row && row.VisitorUserId == actor.UserId ? row : throw ParleyException.NotFound("The service conversation");

    /// <summary>The visitor asks for a person (the widget's button): from bot to waiting; in any other state nothing changes.</summary>
    public async Task<ServiceHandoffDto> HandOffAsync(Actor actor, long id)
    {
        var row = await OwnAsync(actor, id);
        if (row.State != ServiceStates.Bot) return new ServiceHandoffDto(row.State);
        var after = await ToWaitingAsync(row, actor.UserId!.Value);
        return new ServiceHandoffDto(after?.State ?? row.State);
    }

    /// <summary>From bot to waiting (visitor's request, the answerer's decision), offered to an agent, with the bot's notice. Null when it was no longer bot.</summary>
    public async Task<ServiceStore.ConversationRow?> ToWaitingAsync(ServiceStore.ConversationRow row, long actorId)
    {
        var online = await router.OnlineAsync(row.QueueId);
        var after = await writer.ExecuteAsync(w =>
        {
            if (ServiceStore.GetConversation(w, row.ConversationId) is not { State: ServiceStates.Bot }) return null;
            ServiceStore.SetWaiting(w, row.ConversationId, row.QueueId, null);
            ServiceRouter.Offer(w, row.ConversationId, online);
            ServiceRouter.LogState(w, row.ConversationId, actorId);
            ServiceRouter.Updated(w, row.ConversationId);
            return ServiceStore.GetConversation(w, row.ConversationId);
        });
        if (after is not null) await notices.HandOffAsync(after);
        return after;
    }

    public async Task RateAsync(Actor actor, long id, ServiceRatingRequest request)
    {
        if (request.Score is not (>= 1 and <= 5)) throw ParleyException.Invalid("score", "score is 1 to 5.");
        var comment = ServiceSetup.Optional(request.Comment, "comment", Math.Min(1000, O.MaxTextChars));
        var row = await OwnAsync(actor, id);
        await writer.ExecuteAsync(w =>
        {
            var current = ServiceStore.GetConversation(w, row.ConversationId)!;
            if (current.State != ServiceStates.Closed) throw new ParleyException(409, ErrorCodes.ServiceNotClosed, "The conversation can be rated once it is closed.");
            if (!ServiceStore.Rate(w, row.ConversationId, request.Score.Value, comment))
                throw new ParleyException(409, ErrorCodes.ServiceAlreadyRated, "This conversation has been rated already.");
            ServiceRouter.Updated(w, row.ConversationId);
            return 0;
        });
    }

    public async Task<ServiceVisitorStateDto> StateAsync(Actor actor, long id)
    {
        var row = await OwnAsync(actor, id);
        var agentName = row.AgentUserId is { } agent ? (await users.FindAsync(agent))?.DisplayName : null;
        return new ServiceVisitorStateDto(row.State, row.Rating is not null, agentName);
    }
}

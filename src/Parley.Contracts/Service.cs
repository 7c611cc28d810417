namespace Parley.Contracts;

/// <summary>States of a service conversation (issue 18): the AI answers, waits in a queue, an agent took it, closed.</summary>
public static class ServiceStates
{
    public const string Bot = "bot";
    public const string Waiting = "waiting";
    public const string Assigned = "assigned";
    public const string Closed = "closed";
    public static readonly IReadOnlyList<string> All = [Bot, Waiting, Assigned, Closed];
}

/// <summary>How a queue picks the agent a waiting conversation is offered to.</summary>
public static class ServiceRouting
{
    public const string RoundRobin = "round_robin";
    public const string LeastBusy = "least_busy";
    public static readonly IReadOnlyList<string> All = [RoundRobin, LeastBusy];
}

/// <summary>Customer-service events. offered and updated are user-addressed; state is logged on the conversation.</summary>
public static class ServiceEventTypes
{
    /// <summary>User-addressed to one agent: a waiting conversation is offered to them (<see cref="ServiceConversationEventData"/>).</summary>
    public const string Offered = "service.offered";
    /// <summary>User-addressed to the queue's agents and the conversation's agent on every state change (<see cref="ServiceConversationEventData"/>).</summary>
    public const string Updated = "service.updated";
    /// <summary>Conversation event (logged, so the visitor's widget sees it live): the state changed (<see cref="ServiceStateEventData"/>).</summary>
    public const string State = "service.state";
}

public sealed record ServiceWidgetDto(
    long Id, string Name, long QueueId, string? Color, string? Greeting, string? GreetingZh, string? LogoUrl,
    IReadOnlyList<string> AllowedOrigins, long BotUserId, string? IdentitySecret, DateTimeOffset CreatedAt, IReadOnlyList<string> RequiredSkills);

/// <summary>
/// Creates a widget (all but Name optional) or, on PATCH, changes the given fields. RequiredSkills: skill tags every
/// conversation started on the widget requires of its agent (null keeps them on PATCH, [] clears them; at most 10).
/// </summary>
public sealed record SaveServiceWidgetRequest(
    string? Name, long? QueueId = null, string? Color = null, string? Greeting = null, string? GreetingZh = null, string? LogoUrl = null,
    IReadOnlyList<string>? AllowedOrigins = null, IReadOnlyList<string>? RequiredSkills = null);

/// <summary>What the widget script and the visitor page read before a session exists (no secret, no queue).</summary>
public sealed record ServiceWidgetPublicDto(long Id, string Name, string? Color, string? Greeting, string? GreetingZh, string? LogoUrl);

/// <summary>An agent of a queue; Skills: their skill tags in this queue (lower-cased, sorted).</summary>
public sealed record ServiceAgentDto(long UserId, string DisplayName, int Capacity, int Open, bool Online, IReadOnlyList<string> Skills);

public sealed record ServiceQueueDto(long Id, string Name, string Routing, int Waiting, int Assigned, long LongestWaitSeconds, IReadOnlyList<ServiceAgentDto> Agents);

public sealed record CreateServiceQueueRequest(string? Name, string? Routing);

/// <summary>
/// Capacity: open conversations at once (1–100). Skills: the agent's skill tags in this queue (trimmed, 1–32 letters,
/// digits, '-' or '_', compared case-insensitively; at most 10): null keeps the current ones, [] clears them.
/// </summary>
public sealed record SetServiceAgentRequest(int? Capacity, IReadOnlyList<string>? Skills = null);

public sealed record ServiceVisitorDto(long UserId, string Name, string? Email, string? Page, string? Referrer, string? UserAgent);

/// <summary>
/// A service conversation. Previous: how many earlier service conversations the same identified visitor had.
/// RequiredSkills: the widget's required skills when the conversation started (routing offers it only to agents
/// holding them all, until Parley:Service:SkillFallbackSeconds have passed).
/// </summary>
public sealed record ServiceConversationDto(
    long ConversationId, long WidgetId, long QueueId, string State, ServiceVisitorDto Visitor, long? AgentUserId, long? OfferedTo,
    DateTimeOffset CreatedAt, DateTimeOffset? WaitingSince, DateTimeOffset? AssignedAt, DateTimeOffset? ClosedAt,
    string? Summary, int? Rating, string? RatingComment, int Previous, IReadOnlyList<string> RequiredSkills);

public sealed record ServiceConversationEventData(ServiceConversationDto Conversation);

public sealed record ServiceStateEventData(string State, long? AgentUserId);

/// <summary>Exactly one of ToUserId (offer it to that agent) and ToQueueId (back to waiting in that queue).</summary>
public sealed record TransferServiceConversationRequest(long? ToUserId, long? ToQueueId);

public sealed record CloseServiceConversationRequest(string? Summary);

public sealed record ServiceRatingRequest(int? Score, string? Comment);

public sealed record ServiceHandoffDto(string State);

public sealed record ServiceVisitorStateDto(string State, bool Rated, string? AgentName);

public sealed record ServiceNoteDto(long Id, long AuthorId, string Text, DateTimeOffset CreatedAt);

public sealed record CreateServiceNoteRequest(string? Text);

public sealed record ServiceCannedReplyDto(long Id, string Shortcut, string Text);

public sealed record CreateServiceCannedReplyRequest(string? Shortcut, string? Text);

public sealed record ServiceCsatDto(int Count, double? Average);

public sealed record ServiceStatsDto(int Waiting, int Assigned, int ClosedToday, long AverageWaitSeconds, ServiceCsatDto Csat);

/// <summary>
/// A visitor starts chatting. IdentityToken: a JWT (HS256, the widget's identity secret) the host site signs with
/// { sub, name?, email?, exp }: the visitor is then known across sessions. ChallengeToken and ChallengeNonce: the
/// solution of the proof-of-work challenge a 428 visitor_challenge_required asked for (VisitorChallengeDto).
/// </summary>
public sealed record CreateVisitorSessionRequest(long? WidgetId, string? Name = null, string? Email = null, string? IdentityToken = null, string? Page = null, string? Referrer = null,
    string? ChallengeToken = null, string? ChallengeNonce = null);

/// <summary>Token: a bearer token limited to the one conversation (scope conversation:&lt;id&gt;).</summary>
public sealed record VisitorSessionDto(long SessionId, string Token, long ConversationId, long UserId, string State);

namespace Parley.Contracts;

/// <summary>Starts a call in a conversation: <c>POST /api/v1/conversations/{id}/calls</c>. Media is one of <see cref="CallMedia"/>.</summary>
public sealed record StartCallRequest(string? Media);

/// <summary>
/// A call as its participants and the conversation's members see it. <see cref="Topology"/> is <c>p2p</c> (a mesh of
/// peer connections) or <c>sfu</c> (everyone publishes to the SFU); chosen from the conversation's size when the call
/// starts. <see cref="EndedAt"/> is null while it runs; <see cref="Outcome"/> is set when it ended.
/// <see cref="Revision"/> grows with every change of the call's state: a client that got the same call by two paths
/// (the join answer, a <c>call.updated</c> event, a fetch) keeps the highest and ignores older ones.
/// </summary>
public sealed record CallDto(
    long Id,
    long ConversationId,
    string Media,
    string Topology,
    long StartedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    string? Outcome,
    int MaxParticipants,
    IReadOnlyList<CallParticipantDto> Participants,
    long Revision);

/// <summary>One person asked to or taking part in a call; <see cref="State"/> is one of <see cref="CallParticipantStates"/>.</summary>
public sealed record CallParticipantDto(long UserId, string State, DateTimeOffset? JoinedAt, DateTimeOffset? LeftAt);

/// <summary>
/// The answer to <c>POST /api/v1/calls/{id}/join</c>: the call as it is now, and for an SFU call the grant with which
/// the browser joins the SFU room (null for a peer-to-peer call: the client then offers to every joined participant).
/// </summary>
public sealed record CallJoinDto(CallDto Call, SfuJoinDto? Sfu);

/// <summary>Where and how the browser joins the SFU room: <see cref="Token"/> is this participant's own, revoked when they leave.</summary>
public sealed record SfuJoinDto(string ClientUrl, long RoomId, string Token);

/// <summary>
/// <c>GET /api/v1/calls/ice-servers</c>: STUN and TURN servers for RTCPeerConnection. TURN entries carry a credential
/// that expires after <see cref="TtlSeconds"/> (coturn's shared-secret scheme: username = "expiry:userId",
/// credential = base64(HMAC-SHA1(secret, username))). <see cref="IceTransportPolicy"/> is "relay" when the server
/// forces relayed media (Parley:Calls:ForceRelay), otherwise "all".
/// </summary>
public sealed record IceServersDto(IReadOnlyList<IceServerDto> IceServers, int TtlSeconds, string IceTransportPolicy);

public sealed record IceServerDto(IReadOnlyList<string> Urls, string? Username, string? Credential);

/// <summary>
/// The <c>data</c> of the logged <c>call.started</c> and <c>call.ended</c> events (the call records in the message
/// list). For <c>call.ended</c>: <see cref="Outcome"/> (one of <see cref="CallOutcomes"/>), <see cref="DurationSeconds"/>
/// (from the first answer to the end; 0 when nobody answered) and <see cref="Participants"/> (everyone who joined).
/// </summary>
public sealed record CallEventData(
    long CallId,
    string Media,
    string Topology,
    long StartedBy,
    string? Outcome,
    int? DurationSeconds,
    IReadOnlyList<long>? Participants);

/// <summary>
/// The <c>data</c> of the user-addressed <c>call.ring</c>, <c>call.ring_stopped</c> and <c>call.updated</c> events.
/// </summary>
public sealed record CallRingData(CallDto Call);

/// <summary>
/// A signalling message relayed to one participant: the <c>data</c> of the user-addressed <c>call.signal</c> event.
/// <see cref="Kind"/> is one of <see cref="CallSignalKinds"/>; <see cref="Payload"/> is the SDP or the ICE candidate as JSON.
/// </summary>
public sealed record CallSignalData(long CallId, long FromUserId, string Kind, string Payload);

public static class CallMedia
{
    public const string Audio = "audio";
    public const string Video = "video";
}

public static class CallTopologies
{
    public const string PeerToPeer = "p2p";
    public const string Sfu = "sfu";
}

public static class CallParticipantStates
{
    public const string Ringing = "ringing";
    public const string Joined = "joined";
    public const string Left = "left";
    public const string Declined = "declined";
    public const string Missed = "missed";
    /// <summary>Was in another call when this one rang; not rung.</summary>
    public const string Busy = "busy";
}

public static class CallOutcomes
{
    /// <summary>Someone answered; the call ran until the last participant left.</summary>
    public const string Completed = "completed";
    /// <summary>Every callee declined.</summary>
    public const string Declined = "declined";
    /// <summary>Nobody answered within the ring timeout.</summary>
    public const string Missed = "missed";
    /// <summary>Every callee was in another call.</summary>
    public const string Busy = "busy";
    /// <summary>The caller hung up before anybody answered.</summary>
    public const string Cancelled = "cancelled";
}

public static class CallSignalKinds
{
    public const string Offer = "offer";
    public const string Answer = "answer";
    public const string Candidate = "candidate";
}

public static class CallEventTypes
{
    /// <summary>Conversation event (logged): a call began (<see cref="CallEventData"/>).</summary>
    public const string Started = "call.started";
    /// <summary>Conversation event (logged): a call ended, with outcome, duration and participants (<see cref="CallEventData"/>).</summary>
    public const string Ended = "call.ended";
    /// <summary>User-addressed to every connection of a callee: the phone rings (<see cref="CallRingData"/>).</summary>
    public const string Ring = "call.ring";
    /// <summary>User-addressed to every connection of a callee: stop ringing (answered or declined on another tab, missed, ended).</summary>
    public const string RingStopped = "call.ring_stopped";
    /// <summary>User-addressed to every participant: who joined, left or declined (<see cref="CallRingData"/>).</summary>
    public const string Updated = "call.updated";
    /// <summary>User-addressed to one participant: an offer, answer or ICE candidate from another (<see cref="CallSignalData"/>).</summary>
    public const string Signal = "call.signal";
}

public static class CallErrorCodes
{
    /// <summary>409: a call already runs in this conversation; the problem's <c>callId</c> names it, so the client joins instead.</summary>
    public const string AlreadyRunning = "call_already_running";
    /// <summary>409: the call ended.</summary>
    public const string Ended = "call_ended";
    /// <summary>409: the call has its maximum number of participants.</summary>
    public const string Full = "call_full";
    /// <summary>409: a signal or action needs the caller (or the addressee) to have joined the call.</summary>
    public const string NotJoined = "call_not_joined";
}

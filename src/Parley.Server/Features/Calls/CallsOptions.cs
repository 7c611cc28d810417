namespace Parley.Server.Features.Calls;

/// <summary>Parley:Calls — voice and video calls (issue 15): ICE servers, topology, ringing.</summary>
public sealed class CallsOptions
{
    public const string Section = "Parley:Calls";

    /// <summary>STUN servers handed to clients, e.g. <c>stun:turn.example.com:3478</c>. Empty: none.</summary>
    public string[] StunUrls { get; set; } = [];

    /// <summary>TURN servers (coturn), e.g. <c>turn:turn.example.com:3478?transport=udp</c>, <c>turns:turn.example.com:5349</c>. Empty: none.</summary>
    public string[] TurnUrls { get; set; } = [];

    /// <summary>
    /// coturn's <c>static-auth-secret</c> (with <c>use-auth-secret</c>): the key of the HMAC that makes each user's
    /// short-lived TURN credential. Never sent to clients. Required when <see cref="TurnUrls"/> is set (at least 16 characters).
    /// </summary>
    public string? TurnSecret { get; set; }

    /// <summary>How long a TURN credential lasts. A running allocation outlives it; a new one needs a fresh credential.</summary>
    public TimeSpan TurnCredentialTtl { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Clients use only relayed candidates (<c>iceTransportPolicy: 'relay'</c>): all media through TURN (strict networks, tests).</summary>
    public bool ForceRelay { get; set; }

    /// <summary>
    /// Conversations up to this many members call peer-to-peer (a full mesh: each sends its media to every other, so
    /// upload grows with the size); larger ones use the SFU when one is configured.
    /// </summary>
    public int PeerToPeerMaxParticipants { get; set; } = 4;

    /// <summary>Most participants of an SFU call (the SFU room's publishers).</summary>
    public int SfuMaxParticipants { get; set; } = 16;

    /// <summary>How long callees ring before they count as missed.</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// A joined participant not heard from for this long is dropped (its tab closed, its node died). The web client
    /// reports every 10 seconds (hub <c>CallHeartbeat</c>), so keep this well above that.
    /// </summary>
    public TimeSpan ParticipantTimeout { get; set; } = TimeSpan.FromSeconds(35);

    /// <summary>How often the sweep (missed rings, silent participants, calls left empty) runs on the node holding its lease.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest signalling payload (an SDP offer with many codecs is a few kilobytes).</summary>
    public int MaxSignalBytes { get; set; } = 64 * 1024;
}

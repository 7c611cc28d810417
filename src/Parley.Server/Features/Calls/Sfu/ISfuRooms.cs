namespace Parley.Server.Features.Calls.Sfu;

/// The SFU that carries calls above the peer-to-peer size (Janus video-room; see JanusSfuRooms).
public interface ISfuRooms
{
    bool Enabled { get; }                       // false when no SFU is configured: every call is peer-to-peer
    Task<SfuRoom> CreateAsync(long callId, int maxPublishers, CancellationToken ct);
    Task<SfuGrant> AdmitAsync(SfuRoom room, long userId, CancellationToken ct);   // a per-participant token the SFU accepts
    Task RevokeAsync(SfuRoom room, SfuGrant grant, CancellationToken ct);         // a removed/left participant can no longer join
    Task DestroyAsync(SfuRoom room, CancellationToken ct);
}

public sealed record SfuRoom(long RoomId, string Secret);

public sealed record SfuGrant(string Token, string ClientUrl, long RoomId);    // ClientUrl: where the browser reaches the SFU

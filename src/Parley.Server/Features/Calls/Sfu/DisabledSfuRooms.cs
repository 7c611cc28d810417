namespace Parley.Server.Features.Calls.Sfu;

/// <summary>
/// The default when no SFU is configured: <see cref="Enabled"/> is false, so <see cref="CallService"/> makes every call
/// peer-to-peer and never calls the other members (they throw, to make such a call a visible bug).
/// </summary>
public sealed class DisabledSfuRooms : ISfuRooms
{
    public bool Enabled => false;

    public Task<SfuRoom> CreateAsync(long callId, int maxPublishers, CancellationToken ct) => throw Off();

    public Task<SfuGrant> AdmitAsync(SfuRoom room, long userId, CancellationToken ct) => throw Off();

    public Task RevokeAsync(SfuRoom room, SfuGrant grant, CancellationToken ct) => throw Off();

    public Task DestroyAsync(SfuRoom room, CancellationToken ct) => throw Off();

    private static InvalidOperationException Off() => new("No SFU is configured (Parley:Calls:Sfu); calls are peer-to-peer.");
}

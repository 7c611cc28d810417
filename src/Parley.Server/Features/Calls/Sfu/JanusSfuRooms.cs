using System.Globalization;
using System.Security.Cryptography;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Calls.Sfu;

/// <summary>
/// Group-call rooms in a Janus video room. Each room is private (absent from Janus's public list), has a random
/// secret that only Parley knows (needed to change, kick from or destroy it) and an <c>allowed</c> list: Janus admits
/// only a join carrying one of its tokens. Parley adds a participant's token when they join the call and removes it
/// (and kicks their publisher) when they leave or lose access. A token starts with the user id
/// (<c>{userId}.{random}</c>) so that a revoke can find the publisher to kick, whose <c>display</c> is the user id.
/// Every Janus failure is logged and becomes 503 <c>sfu_unavailable</c>; destroying or revoking in a room Janus has
/// already forgotten (426) is not a failure.
/// </summary>
public sealed class JanusSfuRooms(JanusClient janus, IOptions<JanusOptions> options, ILogger<JanusSfuRooms> logger) : ISfuRooms
{
    private const int NoSuchRoom = 426;

    public bool Enabled => true;

    public async Task<SfuRoom> CreateAsync(long callId, int maxPublishers, CancellationToken ct)
    {
        var secret = Secret();
        var o = options.Value;
        var body = new JsonObject
        {
            ["request"] = "create",
            ["description"] = $"parley-call-{callId}",
            ["secret"] = secret,
            ["is_private"] = true,
            ["permanent"] = false,
            ["allowed"] = new JsonArray(),
            ["publishers"] = maxPublishers,
            ["videocodec"] = o.VideoCodec,
            ["audiocodec"] = "opus",
            ["bitrate"] = o.PublisherBitrate,
            ["notify_joining"] = true,
        };
        if (!string.IsNullOrEmpty(o.AdminKey)) body["admin_key"] = o.AdminKey;
        var data = await CallAsync("create", body, ct);
        var room = new SfuRoom(data.GetProperty("room").GetInt64(), secret);
        JanusLog.RoomCreated(logger, room.RoomId, callId);
        return room;
    }

    public async Task<SfuGrant> AdmitAsync(SfuRoom room, long userId, CancellationToken ct)
    {
        var token = $"{userId.ToString(CultureInfo.InvariantCulture)}.{Secret()}";
        await CallAsync("allowed", Allowed(room, "add", token), ct);
        return new SfuGrant(token, options.Value.EffectiveClientUrl, room.RoomId);
    }

    public async Task RevokeAsync(SfuRoom room, SfuGrant grant, CancellationToken ct)
    {
        try
        {
            await CallAsync("allowed", Allowed(room, "remove", grant.Token), ct);
            var display = grant.Token[..Math.Max(0, grant.Token.IndexOf('.', StringComparison.Ordinal))];
            var list = await CallAsync("listparticipants", new JsonObject { ["request"] = "listparticipants", ["room"] = room.RoomId }, ct);
            foreach (var participant in list.GetProperty("participants").EnumerateArray())
            {
                if (participant.TryGetProperty("display", out var d) && d.GetString() == display)
                    await CallAsync("kick", new JsonObject { ["request"] = "kick", ["room"] = room.RoomId, ["secret"] = room.Secret, ["id"] = participant.GetProperty("id").GetInt64() }, ct);
            }
        }
        catch (SfuRoomGoneException)
        {
            // The room is gone, and with it every admission.
        }
    }

    public async Task DestroyAsync(SfuRoom room, CancellationToken ct)
    {
        try
        {
            await CallAsync("destroy", new JsonObject { ["request"] = "destroy", ["room"] = room.RoomId, ["secret"] = room.Secret, ["permanent"] = false }, ct);
            JanusLog.RoomDestroyed(logger, room.RoomId);
        }
        catch (SfuRoomGoneException)
        {
        }
    }

    private static JsonObject Allowed(SfuRoom room, string action, string token) => new()
    {
        ["request"] = "allowed", ["room"] = room.RoomId, ["secret"] = room.Secret, ["action"] = action, ["allowed"] = new JsonArray(token),
    };

    private async Task<JsonElement> CallAsync(string request, JsonObject body, CancellationToken ct)
    {
        try
        {
            return await janus.VideoRoomAsync(body, ct);
        }
        catch (JanusException ex) when (ex.Code == NoSuchRoom && request is not "create")
        {
            throw new SfuRoomGoneException();
        }
        catch (Exception ex) when (ex is HttpRequestException or JanusException or JsonException or KeyNotFoundException or InvalidOperationException
                                   || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            JanusLog.RequestFailed(logger, request, ex.Message);
            throw new ParleyException(503, ErrorCodes.SfuUnavailable, "The group-call server (SFU) is not answering; try again in a minute.", TimeSpan.FromSeconds(10));
        }
    }

    private static string Secret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    private sealed class SfuRoomGoneException : Exception;
}

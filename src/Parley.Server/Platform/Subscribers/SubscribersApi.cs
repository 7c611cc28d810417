using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Platform.Subscribers;

public static class SubscribersApi
{
    public const int LagCap = 10_000;

    /// <summary>Every durable subscriber's state (also shown on the admin health page).</summary>
    public static async Task<IReadOnlyList<SubscriberStatusDto>> StatusAsync(SubscriberCursors cursors, EventReader reader)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var rows = await cursors.ListAsync();
        var result = new List<SubscriberStatusDto>(rows.Count);
        foreach (var r in rows)
        {
            var lag = await reader.LagAsync(r.Stream, new LogPosition(r.PositionTx, r.PositionId), LagCap);
            result.Add(new SubscriberStatusDto(r.Name, r.Stream, r.PositionId, r.LeaseUntil > now ? r.Owner : null,
                r.LeaseUntil > now ? UnixMs.To(r.LeaseUntil) : null, lag, r.Delivered, r.Failures, r.LastError, UnixMs.To(r.LastErrorAt), UnixMs.To(r.UpdatedAt)));
        }
        return result;
    }

    public static void MapSubscribersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/subscribers", async (SubscriberCursors cursors, EventReader reader) =>
                new ListResponse<SubscriberStatusDto>(await StatusAsync(cursors, reader)))
            .RequirePermission(Contracts.Permissions.SystemManage).WithTags("Admin")
            .WithSummary("Durable subscribers: cursor, owning node, lag and last error (system.manage).");
    }
}

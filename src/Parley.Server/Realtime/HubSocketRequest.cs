using Microsoft.AspNetCore.Http.Features;
using Parley.Contracts;

namespace Parley.Server.Realtime;

/// <summary>
/// The request that opens the hub's WebSocket: an HTTP/1.1 upgrade on the hub's path. It stays inside the middleware
/// pipeline for as long as the socket lives, so a middleware with nothing to do for it (status-code pages, HTTP
/// metrics) hands it straight on: none of its state is then held by every idle connection.
/// </summary>
public static class HubSocketRequest
{
    public static bool Is(HttpContext http) =>
        http.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } && http.Request.Path.StartsWithSegments(HubNames.Path);
}

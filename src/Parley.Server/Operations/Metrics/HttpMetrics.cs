using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace Parley.Server.Operations.Metrics;

/// <summary>
/// Counts every HTTP request by route template (not path: ids would explode the series), method and status, and times
/// it. Requests no endpoint matched are counted under "static" (the web client's files) or "unmatched". The hub's
/// WebSocket request is not an HTTP exchange to time (it lasts as long as the connection): hub connections have their
/// own metrics (parley_hub_connections, parley_hub_connections_opened_total); its negotiate requests are counted here.
/// </summary>
public static class HttpMetrics
{
    public static IApplicationBuilder UseParleyHttpMetrics(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<ParleyMetrics>();
        return app.Use((context, next) => Realtime.HubSocketRequest.Is(context) ? next(context) : MeasureAsync(context, next, metrics));
    }

    private static async Task MeasureAsync(HttpContext context, RequestDelegate next, ParleyMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // The exception handler clears the endpoint before it writes the problem; it keeps it in its feature.
            var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
            var route = endpoint is RouteEndpoint e ? e.RoutePattern.RawText ?? "unknown"
                : context.Response.StatusCode == 404 ? "unmatched" : "static";
            metrics.HttpRequests.WithLabels(route, context.Request.Method, StatusText(context.Response.StatusCode)).Inc();
            metrics.HttpDuration.WithLabels(route).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    // Interned strings for the common codes: no allocation per request for them.
    private static string StatusText(int status) => status switch
    {
        200 => "200", 201 => "201", 204 => "204", 206 => "206", 304 => "304",
        400 => "400", 401 => "401", 403 => "403", 404 => "404", 409 => "409", 413 => "413", 429 => "429",
        500 => "500", 503 => "503",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

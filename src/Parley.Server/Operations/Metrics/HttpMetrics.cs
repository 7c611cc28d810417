using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace Parley.Server.Operations.Metrics;

/// <summary>
/// Counts every HTTP request by route template (not path: ids would explode the series), method and status, and times
/// it. Requests no endpoint matched are counted under "static" (the web client's files) or "unmatched".
/// </summary>
public static class HttpMetrics
{
    public static IApplicationBuilder UseParleyHttpMetrics(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<ParleyMetrics>();
        return app.Use(async (context, next) =>
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
        });
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

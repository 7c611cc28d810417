using System.Diagnostics;
using System.Globalization;

namespace Parley.Server.Hosting;

/// <summary>
/// Every API response carries <c>Server-Timing: app;dur=…</c> (W3C Server Timing): milliseconds from the request
/// entering Parley to its response headers. Browser dev tools show it beside the network time, and the load generator
/// reads it to tell time spent inside the server from time spent in the network, the kernel or the client.
/// </summary>
public static class ServerTiming
{
    public const string Header = "Server-Timing";

    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/api")) return next(context);
        long started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(static state =>
        {
            var (response, started) = ((HttpResponse, long))state;
            double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            response.Headers[Header] = "app;dur=" + ms.ToString("0.###", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }, (context.Response, started));
        return next(context);
    });
}

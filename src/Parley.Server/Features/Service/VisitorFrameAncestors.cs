using System.Globalization;
using Parley.Server.Features.Embed;

namespace Parley.Server.Features.Service;

/// <summary>
/// The visitor page <c>/visitor/{widgetId}</c> is shown in a frame on the company's website: its CSP frame-ancestors
/// are the widget's allowed origins (any site when the widget lists none: <c>*</c>), and <c>'none'</c> for an
/// unknown widget. Every other page keeps Parley:Web:FrameAncestors. Carried to the page headers like /embed's.
/// </summary>
public static class VisitorFrameAncestors
{
    /// <summary>A visitor page's frame-ancestors; any other request goes straight on (no frame kept under a long request).</summary>
    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path;
        return path.StartsWithSegments("/visitor", StringComparison.OrdinalIgnoreCase, out var rest) && rest.Value is { Length: > 1 } tail
               && !path.StartsWithSegments("/api")
            ? WithWidgetOriginsAsync(http, next, tail[1..].Split('/')[0])
            : next(http);
    }

    private static async Task WithWidgetOriginsAsync(HttpContext http, RequestDelegate next, string id)
    {
        var widget = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var widgetId)
            ? await http.RequestServices.GetRequiredService<ServiceStore>().WidgetAsync(widgetId)
            : null;
        http.Items[EmbedFrameAncestors.ItemKey] = widget is null ? "'none'" : widget.Origins.Count == 0 ? "*" : string.Join(' ', widget.Origins);
        await next(http);
    }
}

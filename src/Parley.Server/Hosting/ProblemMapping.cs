using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Hosting;

/// <summary>
/// The one place HTTP errors are shaped: RFC 9457 problem details with a stable <c>code</c>.
/// Service errors keep their status and message; malformed requests become 400/413; anything else
/// is a 500 with no details (the exception is logged, never sent).
/// </summary>
public static class ProblemMapping
{
    public static Task WriteAsync(HttpContext http, int status, string code, string detail, IDictionary<string, string[]>? errors = null, TimeSpan? retryAfter = null,
        IReadOnlyDictionary<string, string>? headers = null, IReadOnlyDictionary<string, object>? extensions = null)
    {
        if (http.Response.HasStarted) return Task.CompletedTask;
        http.RequestServices.GetService<Operations.Metrics.ParleyMetrics>()?.Error(code, "http");
        http.Response.StatusCode = status;
        if (retryAfter is { } after)
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) http.Response.Headers[name] = value;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = Title(status),
            Detail = detail,
            Type = $"https://parley.chat/problems/{code}",
            Instance = http.Request.Path,
        };
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = http.TraceIdentifier;
        if (errors is not null) problem.Extensions["errors"] = errors;
        foreach (var (name, value) in extensions ?? new Dictionary<string, object>()) problem.Extensions[name] = value;
        return http.Response.WriteAsJsonAsync(problem, JsonDefaults.Options, "application/problem+json");
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthenticated",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Payload too large",
        405 => "Method not allowed",
        415 => "Unsupported media type",
        416 => "Range not satisfiable",
        423 => "Locked",
        428 => "Precondition required",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Error",
    };

    /// <summary>
    /// Bodiless error statuses set by the framework (no route, wrong method or media type, body too large)
    /// become problem details too, for API paths.
    /// </summary>
    public static Task StatusOnlyAsync(HttpContext http)
    {
        if (http.Response.ContentLength is not null || http.Response.ContentType is not null || !http.Request.Path.StartsWithSegments("/api"))
            return Task.CompletedTask;
        var status = http.Response.StatusCode;
        return status switch
        {
            404 => WriteAsync(http, 404, ErrorCodes.NotFound, "No such endpoint."),
            405 => WriteAsync(http, 405, ErrorCodes.ValidationFailed, "This endpoint does not accept that HTTP method."),
            413 => WriteAsync(http, 413, ErrorCodes.PayloadTooLarge, "The request body is too large."),
            415 => WriteAsync(http, 415, ErrorCodes.UnsupportedMediaType, "This endpoint does not accept a body of that Content-Type (most take application/json)."),
            _ => WriteAsync(http, status, ErrorCodes.ValidationFailed, "The request was rejected."),
        };
    }

    /// <summary>Exception handler for the whole pipeline.</summary>
    public static Task HandleAsync(HttpContext http)
    {
        var ex = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        return ex switch
        {
            ParleyException p => WriteAsync(http, p.Status, p.Code, p.Message, p.Errors, p.RetryAfter, p.Headers, p.Extensions),
            BadHttpRequestException { StatusCode: 413 } => WriteAsync(http, 413, ErrorCodes.PayloadTooLarge, "The request body is too large."),
            BadHttpRequestException { InnerException: JsonException } or JsonException =>
                WriteAsync(http, 400, ErrorCodes.InvalidJson, "The request body is not valid JSON for this endpoint (check syntax, field types and UTF-8)."),
            BadHttpRequestException b when b.StatusCode == 415 => WriteAsync(http, 415, ErrorCodes.UnsupportedMediaType, "Send the body as application/json."),
            BadHttpRequestException b => WriteAsync(http, b.StatusCode is >= 400 and < 500 ? b.StatusCode : 400, ErrorCodes.ValidationFailed, "The request is malformed: " + SafeMessage(b)),
            // The database is restarting or unreachable: the client may retry (writes carry clientMsgId, so no duplicates).
            _ when ex is not null && Storage.Sql.IsUnavailable(ex) =>
                WriteAsync(http, 503, ErrorCodes.Unavailable, "The database is unavailable; retry shortly.", retryAfter: TimeSpan.FromSeconds(2)),
            _ => WriteAsync(http, 500, ErrorCodes.Internal, "An unexpected error occurred; it has been logged."),
        };
    }

    /// <summary>ASP.NET's binding messages name the parameter and the expected type, never internals.</summary>
    private static string SafeMessage(BadHttpRequestException b) =>
        b.Message.Length > 300 ? b.Message[..300] : b.Message;
}

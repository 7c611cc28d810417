using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Audit;

public static class AuditApi
{
    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequirePermission(Contracts.Permissions.AuditRead);

        audit.MapGet("/", async (string? action, long? actorId, long? targetId, DateTimeOffset? from, DateTimeOffset? to, long? before, int? limit,
                HttpContext http, AuditService service) =>
                await service.ListAsync(AuditQuery.Parse(action, actorId, targetId, from, to, before, limit), Actor.Of(http)))
            .WithSummary("The audit log, newest first (audit.read). action: exact (auth.login) or prefix (auth.*); before: an entry id; nextBefore pages on.");

        audit.MapGet("/export.csv", async (string? action, long? actorId, long? targetId, DateTimeOffset? from, DateTimeOffset? to, HttpContext http, AuditService service) =>
            {
                var query = AuditQuery.Parse(action, actorId, targetId, from, to, null, null);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"parley-audit-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.csv\"";
                await using var output = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(true), 64 * 1024);
                await service.ExportCsvAsync(query, Actor.Of(http), output, http.RequestAborted);
            }).Produces(200, contentType: "text/csv")
            .WithSummary("The matching entries as CSV, at most 100,000 (audit.read); the export itself is recorded as audit.exported.");
    }
}

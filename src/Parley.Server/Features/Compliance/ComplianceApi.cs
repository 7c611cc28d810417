using Parley.Contracts;
using Parley.Server.Features.Compliance.Export;
using Parley.Server.Features.Compliance.Retention;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Compliance;

public static class ComplianceApi
{
    public static void MapComplianceApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/compliance").WithTags("Compliance");

        g.MapGet("/archive", (string? after, int? limit, ArchiveService archive, CancellationToken cancellationToken) =>
                archive.PageAsync(after, limit, cancellationToken))
            .RequirePermission(Permissions.ComplianceRead)
            .WithSummary("Every conversation event in log order with message content and every earlier text of each message; resume with after=next (compliance.read).");

        g.MapPost("/exports", async (CreateComplianceExportRequest request, HttpContext http, ExportService exports) =>
            {
                var export = await exports.CreateAsync(request, Actor.Of(http));
                return TypedResults.Accepted($"/api/v1/compliance/exports/{export.Id}", export);
            })
            .RequirePermission(Permissions.ComplianceRead)
            .WithSummary("Requests an e-discovery export of the messages created in [from, to), optionally of some users and conversations; written in the background (compliance.read).");

        g.MapGet("/exports", async (HttpContext http, ExportService exports) => new ListResponse<ComplianceExportDto>(await exports.ListAsync(Actor.Of(http))))
            .RequirePermission(Permissions.ComplianceRead).WithSummary("The caller's own exports, newest first (compliance.read).");

        g.MapGet("/exports/{id:long}", (long id, HttpContext http, ExportService exports) => exports.GetAsync(id, Actor.Of(http)))
            .RequirePermission(Permissions.ComplianceRead)
            .WithSummary("An export's status and progress; only its requester sees it (compliance.read).");

        g.MapGet("/exports/{id:long}/download", async (long id, HttpContext http, ExportService exports, CancellationToken cancellationToken) =>
            {
                var (content, length) = await exports.OpenAsync(id, Actor.Of(http), cancellationToken);
                http.Response.ContentLength = length;
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Stream(content, "application/zip", $"parley-export-{id}.zip");
            })
            .RequirePermission(Permissions.ComplianceRead)
            .WithSummary("The finished export's zip (messages.jsonl, files/, transcripts/, manifest.json with SHA-256); only for its requester; audited (compliance.read).");

        g.MapGet("/retention", (RetentionService retention) => retention.StateAsync())
            .RequirePermission(Permissions.ComplianceRead)
            .WithSummary("The retention policies (global, per kind, per conversation) and what the last purge removed (compliance.read).");

        g.MapPut("/retention/{scope}", (string scope, SetRetentionPolicyRequest request, HttpContext http, RetentionService retention) =>
                retention.SetPolicyAsync(scope, request, Actor.Of(http)))
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Sets a scope's policy: purge messages and files after days (1–36500), or days null to keep forever; audited (compliance.manage).");

        g.MapDelete("/retention/{scope}", async (string scope, HttpContext http, RetentionService retention) =>
            {
                await retention.RemovePolicyAsync(scope, Actor.Of(http));
                return TypedResults.NoContent();
            })
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Removes a scope's policy: it inherits the wider one again; audited (compliance.manage).");

        g.MapPost("/retention/run", (HttpContext http, RetentionService retention, CancellationToken cancellationToken) =>
                retention.RunNowAsync(Actor.Of(http), cancellationToken))
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Runs the purge now and answers what it removed; held users and conversations are left alone (compliance.manage).");

        g.MapGet("/holds", async (bool? active, RetentionService retention) => new ListResponse<LegalHoldDto>(await retention.HoldsAsync(active == true)))
            .RequirePermission(Permissions.ComplianceRead)
            .WithSummary("Legal holds, newest first; active=true leaves out released ones (compliance.read).");

        g.MapPost("/holds", async (PlaceLegalHoldRequest request, HttpContext http, RetentionService retention) =>
            {
                var hold = await retention.PlaceHoldAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/compliance/holds/{hold.Id}", hold);
            })
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Places a legal hold on a user (their messages everywhere) or a conversation: no purge touches them until released; audited (compliance.manage).");

        g.MapPost("/holds/{id:long}/release", (long id, HttpContext http, RetentionService retention) => retention.ReleaseHoldAsync(id, Actor.Of(http)))
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Releases a legal hold; audited (compliance.manage).");
    }
}

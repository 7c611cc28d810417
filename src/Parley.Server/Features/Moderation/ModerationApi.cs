using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Moderation;

/// <summary>/api/v1/moderation: sensitive-word rules and the review queue. Reading needs compliance.read; changing, compliance.manage.</summary>
public static class ModerationApi
{
    public static void MapModerationApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/moderation").WithTags("Moderation");

        g.MapGet("/rules", async (ModerationService service) => new ListResponse<ModerationRuleDto>(await service.ListAsync()))
            .RequirePermission(Permissions.ComplianceRead).WithSummary("Every sensitive-word rule (compliance.read).");

        g.MapPost("/rules", async (CreateModerationRuleRequest request, HttpContext http, ModerationService service) =>
            {
                var rule = await service.CreateAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/moderation/rules/{rule.Id}", rule);
            })
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Adds a rule: block (422 content_blocked), mask (matched characters become *) or flag (recorded for review); optional scope (all, conversations, external), per-rule exemptions and pinyin matching (compliance.manage).");

        g.MapDelete("/rules/{id:long}", async (long id, HttpContext http, ModerationService service) =>
            {
                await service.DeleteAsync(id, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Permissions.ComplianceManage).WithSummary("Removes a rule (compliance.manage).");

        g.MapPost("/rules/import", async (ImportModerationRulesRequest request, HttpContext http, ModerationService service) =>
                await service.ImportAsync(request, Actor.Of(http)))
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Adds one rule per line of text, all with the same action, for every conversation; known patterns are skipped (compliance.manage).");

        g.MapGet("/rules/export", async (string? action, ModerationService service) =>
                TypedResults.Text(await service.ExportAsync(action), "text/plain; charset=utf-8"))
            .RequirePermission(Permissions.ComplianceRead).WithSummary("The patterns as text, one per line, optionally of one action (compliance.read).");

        g.MapGet("/exemptions", async (ModerationService service) => await service.ExemptionsAsync())
            .RequirePermission(Permissions.ComplianceRead)
            .WithSummary("Users and conversations exempt from every rule (compliance.read).");

        g.MapPut("/exemptions", async (SetModerationExemptionsRequest request, HttpContext http, ModerationService service) =>
                await service.SetExemptionsAsync(request, Actor.Of(http)))
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Replaces the users and conversations exempt from every rule; audited (compliance.manage).");

        g.MapPost("/test", async (ModerationTestRequest request, ModerationService service) => await service.TestAsync(request))
            .RequirePermission(Permissions.ComplianceRead)
            .WithSummary("What the rules would do to a sentence, without writing anything (compliance.read).");

        g.MapGet("/flags", async (long? before, bool? open, int? limit, ModerationService service) =>
                new ListResponse<ModerationFlagDto>(await service.FlagsAsync(before, open == true, limit)))
            .RequirePermission(Permissions.ComplianceRead)
            .WithSummary("Flagged texts, newest first, with the message as it is now; open=true leaves out reviewed ones (compliance.read).");

        g.MapPost("/flags/{id:long}/review", async (long id, ReviewFlagRequest request, HttpContext http, ModerationService service) =>
            {
                await service.ReviewAsync(id, request, Actor.Of(http));
                return TypedResults.NoContent();
            })
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Decides a flag: dismiss, or remove (the message is deleted for everyone); audited (compliance.manage).");
    }
}

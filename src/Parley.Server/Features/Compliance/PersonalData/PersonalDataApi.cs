using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Compliance.PersonalData;

/// <summary>Personal data (PIPL/GDPR): self-service exports, exports and erasure by compliance (docs/compliance.md, "Personal data").</summary>
public static class PersonalDataApi
{
    public static void MapPersonalDataApi(this RouteGroupBuilder api)
    {
        var own = api.MapGroup("/users/me/data-export").WithTags("Personal data");

        own.MapPost("/", async (HttpContext http, PersonalDataService service) =>
            {
                var actor = Actor.Of(http);
                var export = await service.RequestAsync(actor.UserId ?? 0, actor);
                return TypedResults.Accepted($"/api/v1/users/me/data-export/{export.Id}", export);
            })
            .WithSummary("Requests an export of the caller's own data (profile, sessions, messages, reactions, bookmarks, drafts, scheduled messages, uploaded files); one at a time; written in the background.");

        own.MapGet("/", async (HttpContext http, PersonalDataService service) => new ListResponse<PersonalDataExportDto>(await service.ListAsync(Actor.Of(http))))
            .WithSummary("The personal data exports the caller requested (of themself, or of others as a compliance officer), newest first.");

        own.MapGet("/{id:long}", (long id, HttpContext http, PersonalDataService service) => service.GetAsync(id, Actor.Of(http)))
            .WithSummary("A personal data export's status and progress; only its requester sees it.");

        own.MapGet("/{id:long}/download", async (long id, HttpContext http, PersonalDataService service, CancellationToken cancellationToken) =>
            {
                var (content, length) = await service.OpenAsync(id, Actor.Of(http), cancellationToken);
                http.Response.ContentLength = length;
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Stream(content, "application/zip", $"parley-personal-data-{id}.zip");
            })
            .WithSummary("The finished personal data export's zip (manifest.json with SHA-256); only for its requester; 410 export_expired after the retention period; audited.");

        var compliance = api.MapGroup("/compliance/users").WithTags("Personal data");

        compliance.MapPost("/{id:long}/data-export", async (long id, HttpContext http, PersonalDataService service) =>
            {
                var export = await service.RequestAsync(id, Actor.Of(http));
                return TypedResults.Accepted($"/api/v1/users/me/data-export/{export.Id}", export);
            })
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Requests an export of a user's personal data for a compliance officer, who alone can download it (compliance.manage).");

        compliance.MapPost("/{id:long}/erasure", (long id, UserErasureRequest? request, HttpContext http, ErasureService erasure) =>
                erasure.EraseAsync(id, request ?? new UserErasureRequest(), Actor.Of(http)))
            .RequirePermission(Permissions.UsersManage)
            .RequirePermission(Permissions.ComplianceManage)
            .WithSummary("Erases a user (right to be forgotten), or with dryRun counts what would go; 409 legal_hold when a hold covers the user; irreversible; audited (users.manage and compliance.manage).");
    }
}

using Parley.Contracts;
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
    }
}

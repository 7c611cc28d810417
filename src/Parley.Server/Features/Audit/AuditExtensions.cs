namespace Parley.Server.Features.Audit;

/// <summary>Composition root of the audit log: a read-only view of the system stream.</summary>
public static class AuditExtensions
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditStore>();
        builder.Services.AddSingleton<AuditService>();
        return builder;
    }

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapAuditApi();
        return api;
    }
}

using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Ai;

/// <summary>Composition root of the language model door (Parley:Ai): the client, metering and the usage report.</summary>
public static class AiExtensions
{
    public static WebApplicationBuilder AddAi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AiOptions>().Bind(builder.Configuration.GetSection(AiOptions.Section))
            .Validate(o => o.IsValid(out _), "Parley:Ai is invalid: Enabled needs an absolute http(s) Endpoint and a Model; Timeout 0–10 minutes; prices and budgets not negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AiUsageStore>();
        builder.Services.AddSingleton<AiChat>();
        return builder;
    }

    public static RouteGroupBuilder MapAi(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/ai/usage", async (long? conversationId, string? fromDay, int? limit, AiUsageStore usage) =>
                new Contracts.ListResponse<Contracts.AiUsageDto>(await usage.ListAsync(conversationId, fromDay, Common.Paging.Limit(limit))))
            .RequirePermission(Contracts.Permissions.SystemManage).WithTags("AI")
            .WithSummary("Tokens and cost of AI features per conversation, UTC day and feature, newest day first; optional conversationId and fromDay (yyyy-MM-dd) (system.manage).");
        return api;
    }
}

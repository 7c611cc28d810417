using Microsoft.Extensions.Options;

namespace Parley.Server.Features.Planner;

/// <summary>Composition root of the planner: its options and endpoints (the engine itself is Parley.Planner).</summary>
public static class PlannerExtensions
{
    public static WebApplicationBuilder AddPlanner(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlannerOptions>().Bind(builder.Configuration.GetSection(PlannerOptions.Section))
            .Validate(o => o.AnonymousPlansPerMinute > 0, "Parley:Planner:AnonymousPlansPerMinute must be positive.").ValidateOnStart();
        return builder;
    }

    public static RouteGroupBuilder MapPlanner(this RouteGroupBuilder api)
    {
        // Read once at start-up: whether the endpoints require a sign-in is part of their metadata.
        var options = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<PlannerOptions>>().Value;
        api.MapPlannerApi(options.AllowAnonymous);
        return api;
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Parley.Server.Common;
using Parley.Contracts;
using Parley.Planner;
using Parley.Planner.Pricing;
using Parley.Planner.Samples;
using Parley.Server.Hosting;

namespace Parley.Server.Features.Planner;

/// <summary>
/// The deployment-cost planner over HTTP. Its JSON is snake_case (PLANNER.md §3.6), unlike the rest of the
/// API, so the engine's own serializer writes it. Invalid input is a 400 problem whose `errors` lists every
/// JSON pointer with what was expected.
/// </summary>
public static class PlannerApi
{
    public static void MapPlannerApi(this RouteGroupBuilder api, bool allowAnonymous)
    {
        var planner = api.MapGroup("/planner").WithTags("Planner");
        if (allowAnonymous) planner.AllowAnonymous();

        planner.MapPost("/plan", async (HttpContext http, IConfiguration config) =>
            {
                JsonNode? input;
                try
                {
                    input = await JsonNode.ParseAsync(http.Request.Body);
                }
                catch (System.Text.Json.JsonException)
                {
                    await ProblemMapping.WriteAsync(http, 400, ErrorCodes.InvalidJson, "The scenario is not valid JSON.");
                    return;
                }
                await LimitAnonymousAsync(http);
                var profile = CapacityProfileSource.Load(config["Parley:Planner:CapacityProfile"]);
                var outcome = PlannerEngine.Plan(input, null, profile, DateOnly.FromDateTime(DateTime.UtcNow));
                if (!outcome.Succeeded)
                {
                    var errors = outcome.Errors.GroupBy(e => e.Pointer).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
                    await ProblemMapping.WriteAsync(http, 400, ErrorCodes.ValidationFailed,
                        $"The scenario has {outcome.Errors.Count} error(s); `errors` maps each JSON pointer to what was expected.", errors);
                    return;
                }
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(outcome.ToJson());
            })
            .Accepts<JsonObject>("application/json")
            .Produces(200, contentType: "application/json")
            .ProducesProblem(400)
            .WithSummary("Computes the lifecycle cost comparison for a scenario (input and output formats: docs/cost-model.md).");

        planner.MapGet("/catalog", () => Results.Text(PriceCatalog.LoadDefault().ToJson(), "application/json"))
            .WithSummary("The shipped, versioned price catalog with source, date, currency and confidence of every entry.");

        planner.MapGet("/samples", () => Results.Json(PlannerSamples.Names))
            .WithSummary("Names of the sample scenarios.");

        planner.MapGet("/samples/{name}", ([FromRoute] string name) =>
                PlannerSamples.Load(name) is { } sample ? Results.Text(sample.ToJsonString(), "application/json") : throw ParleyException.NotFound("The sample"))
            .WithSummary("One sample scenario, as a starting point for the form.");

        planner.MapGet("/capacity-profile", (IConfiguration config) =>
                Results.Json(CapacityProfileSource.Load(config["Parley:Planner:CapacityProfile"])))
            .WithSummary("The capacity profile that sizes Parley's hardware, with the benchmark run it came from.");
    }

    /// <summary>With Parley:Planner:AllowAnonymous on, a caller without a token is limited per address (429 rate_limited).</summary>
    private static async Task LimitAnonymousAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true) return;
        var limit = http.RequestServices.GetRequiredService<IOptions<PlannerOptions>>().Value.AnonymousPlansPerMinute;
        var key = "planner:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var decision = await http.RequestServices.GetRequiredService<IRateCounter>().TryTakeAsync(key, limit, TimeSpan.FromMinutes(1));
        if (!decision.Allowed)
            throw new ParleyException(429, ErrorCodes.RateLimited, "Too many plans from this address; wait a minute or sign in.", decision.RetryAfter);
    }
}

using System.Text;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Embed;

public static class EmbedApi
{
    public static void MapEmbedApi(this RouteGroupBuilder api)
    {
        var embed = api.MapGroup("/embed").WithTags("Embedding");
        embed.MapGet("/apps", async (HttpContext http, EmbedService service) => new ListResponse<EmbedAppDto>(await service.ListAppsAsync(Actor.Of(http))))
            .RequirePermission(Contracts.Permissions.IntegrationsManage).WithSummary("Embedding applications and their allowed origins (integrations.manage).");
        embed.MapPost("/apps", async (CreateEmbedAppRequest request, HttpContext http, EmbedService service) =>
            {
                var created = await service.CreateAppAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/embed/apps/{created.Id}", created);
            }).RequirePermission(Contracts.Permissions.IntegrationsManage)
            .WithSummary("Registers an application that embeds Parley (integrations.manage). The secret is shown once; only its hash is kept.");
        embed.MapPut("/apps/{id:long}", async (long id, CreateEmbedAppRequest request, HttpContext http, EmbedService service) =>
                await service.UpdateAppAsync(id, request, Actor.Of(http)))
            .RequirePermission(Contracts.Permissions.IntegrationsManage).WithSummary("Renames an application or changes its allowed origins (integrations.manage).");
        embed.MapDelete("/apps/{id:long}", async (long id, HttpContext http, EmbedService service) =>
            {
                await service.RevokeAppAsync(id, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Contracts.Permissions.IntegrationsManage)
            .WithSummary("Revokes an application: its secret and unused tokens stop working at once (integrations.manage).");

        embed.MapPost("/tokens", async (CreateEmbedTokenRequest request, HttpContext http, EmbedService service) =>
            {
                string? origin = http.Request.Headers.Origin;
                var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
                return TypedResults.Created("/embed", await service.IssueTokenAsync(AppSecret(http.Request), origin, request, baseUrl));
            }).AllowAnonymous().AddEndpointFilter(LimitByAddress)
            .WithSummary("For the application's back end: Authorization: Bearer <app secret> (or Basic with the secret as password). "
                + "A single-use token for one user (username or external id) and one scope ({conversationId} or {client: true}), and the /embed address to frame. Rate-limited.");
        embed.MapPost("/sessions", async (CreateEmbedSessionRequest request, HttpContext http, EmbedService service) =>
                TypedResults.Created("/api/v1/users/me", await service.StartSessionAsync(request, Actor.Of(http), http.Request.Headers.UserAgent)))
            .AllowAnonymous().AddEndpointFilter(LimitByAddress)
            .WithSummary("For the embed page: exchanges a token once for a session limited to its scope. parentOrigin (the framing page's origin "
                + "as the browser reports it) must be one of the application's origins when given. Anonymous, rate-limited.");
    }

    /// <summary>The secret from "Bearer pes_…" or from Basic credentials' password (any user name).</summary>
    private static string? AppSecret(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null) return null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return pair.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? pair[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>At most Parley:Embed:RequestsPerMinute token and session requests per client address (across nodes in cluster mode).</summary>
    private static async ValueTask<object?> LimitByAddress(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = http.RequestServices.GetRequiredService<IOptionsMonitor<EmbedOptions>>().CurrentValue.RequestsPerMinute;
        var key = "embed:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var decision = await http.RequestServices.GetRequiredService<IRateCounter>().TryTakeAsync(key, limit, TimeSpan.FromMinutes(1));
        if (!decision.Allowed)
            throw new ParleyException(429, ErrorCodes.RateLimited, "Too many embedding requests from this address; wait a minute.", decision.RetryAfter);
        return await next(context);
    }
}

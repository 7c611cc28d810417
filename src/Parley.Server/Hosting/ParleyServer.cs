using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Cluster;
using Parley.Server.Platform;
using Parley.Server.Features.Audit;
using Parley.Server.Features.Avatars;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Config;
using Parley.Server.Features.Calls.Sfu;
using Parley.Server.Features.Ldap;
using Parley.Server.Features.Organisation;
using Parley.Server.Features.ConversationAdmin;
using Parley.Server.Features.Ai;
using Parley.Server.Features.Assistant;
using Parley.Server.Features.Knowledge;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Files;
using Parley.Server.Features.Bundles;
using Parley.Server.Features.Calls;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Compliance;
using Parley.Server.Features.Moderation;
using Parley.Server.Features.Planner;
using Parley.Server.Features.Push;
using Parley.Server.Features.Polls;
using Parley.Server.Features.IncomingWebhooks;
using Parley.Server.Features.Invitations;
using Parley.Server.Features.Scim;
using Parley.Server.Features.Emoji;
using Parley.Server.Features.Scheduled;
using Parley.Server.Features.Saved;
using Parley.Server.Features.Search;
using Parley.Server.Features.Security;
using Parley.Server.Features.Service;
using Parley.Server.Features.Settings;
using Parley.Server.Features.Dashboard;
using Parley.Server.Features.Sso;
using Parley.Server.Features.TwoFactor;
using Parley.Server.Features.Users;
using Parley.Server.Features.Embed;
using Parley.Server.Features.Bots;
using Parley.Server.Features.SlashCommands;
using Parley.Server.Operations;
using Parley.Server.Operations.Health;
using Parley.Server.Features.Urgent;
using Parley.Server.Features.Translation;
using Parley.Server.Features.Webhooks;
using Parley.Server.Realtime;
using Parley.Server.Storage;
using Scalar.AspNetCore;

namespace Parley.Server.Hosting;

/// <summary>Composition of the server: services (<see cref="AddParley"/>) and the HTTP pipeline (<see cref="MapParley"/>).</summary>
public static class ParleyServer
{
    /// <summary>Largest JSON request body; message text is limited separately (MessagesOptions.MaxTextBytes).</summary>
    public const long MaxJsonBody = 256 * 1024;

    /// <summary>
    /// Storage and real-time first (every feature writes and pushes through them), then the seams, then the features,
    /// each from its own Extensions file. The subscribers' host comes after the writer so that it stops first.
    /// </summary>
    public static WebApplicationBuilder AddParley(this WebApplicationBuilder builder)
    {
        builder.AddStorage();
        builder.AddCluster();
        builder.AddRealtime();
        builder.AddPlatform();
        builder.AddAuth();
        builder.AddUsers();
        builder.AddAvatars();
        builder.AddConversations();
        builder.AddMessages();
        builder.AddSearch();
        builder.AddFiles();
        builder.AddBundles();
        builder.AddModeration();
        builder.AddCompliance();
        builder.AddAudit();
        builder.AddSecurity();
        builder.AddRuntimeSettings();
        builder.AddDashboard();
        builder.AddSso();
        builder.AddTwoFactor();
        builder.AddDirectory();
        builder.AddConversationAdmin();
        builder.AddAi();
        builder.AddKnowledge();
        builder.AddAssistant();
        builder.AddLdap();
        builder.AddPlanner();
        builder.AddCustomEmoji();
        builder.AddPush();
        builder.AddUrgent();
        builder.AddTranslation();
        builder.AddScheduled();
        builder.AddCalls();
        builder.Services.AddJanusSfu(builder.Configuration); // replaces the disabled SFU when Parley:Calls:Janus:Url is set
        builder.AddSaved();
        builder.AddPolls();
        builder.AddIncomingWebhooks();
        builder.AddInvitations();
        builder.AddScim();
        builder.AddEmbed();
        builder.AddService();
        builder.AddWebhooks();
        builder.AddBots();
        builder.AddSlashCommands();
        builder.Services.AddSubscriberHost();
        builder.AddOperations();
        builder.AddHttpApi();
        return builder;
    }

    /// <summary>HTTP conventions shared by every endpoint: JSON, problem details, OpenAPI, forwarded headers, limits.</summary>
    private static void AddHttpApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<WebOptions>().Bind(config.GetSection(WebOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidation>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddApiCompression();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Parley API";
            doc.Info.Description = "Self-hosted enterprise messaging. Errors are RFC 9457 problem details with a stable `code`. Real-time: SignalR hub at /api/v1/hub.";
            return Task.CompletedTask;
        }));
        // Behind a reverse proxy the client's address (login rate limit, logs) comes from X-Forwarded-For, trusted only
        // from the proxies listed here; with none listed the header is ignored.
        var proxies = (config.GetSection("Parley:Proxy:KnownProxies").Get<string[]>() ?? []).Select(p =>
            System.Net.IPAddress.TryParse(p, out var ip) ? ip : throw new InvalidOperationException($"Parley:Proxy:KnownProxies: '{p}' is not an IP address.")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var ip in proxies) o.KnownProxies.Add(ip);
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxJsonBody);
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
    }

    public static WebApplication MapParley(this WebApplication app)
    {
        app.UseServerTiming();
        app.UseForwardedHeaders();
        app.UseOperations();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = ProblemMapping.HandleAsync,
            // A client's mistake answered with a 4xx problem is not a server error: no error log with a stack trace for it.
            SuppressDiagnosticsCallback = c => c.HttpContext.Response.StatusCode is >= 400 and < 500,
        });
        // Not around the hub's WebSocket request: its failures (401, 403, 429) already carry their problem, and the
        // middleware's frame and feature would stay alive for as long as the socket (Realtime/HubSocketRequest).
        app.UseWhen(http => !Realtime.HubSocketRequest.Is(http), b => b.UseStatusCodePages(ctx => ProblemMapping.StatusOnlyAsync(ctx.HttpContext)));
        // Static files before routing: a request for an existing file never reaches an endpoint.
        app.Use(Features.Embed.EmbedFrameAncestors.Middleware);
        app.Use(Features.Service.VisitorFrameAncestors.Middleware);
        app.UseWebClient();
        app.UseResponseCompression();
        app.UseRouting();
        app.UseAuthentication();
        app.Use(Features.Security.AccountRestrictions.Middleware);
        app.Use(Features.Embed.EmbedScopeGuard.Middleware);
        app.Use(Features.Bots.BotScopeGate.Middleware);
        app.UseAuthorization();

        app.MapHealth();
        app.MapOperations();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Parley API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.MapPlatform();
        api.MapAdminHealth();
        api.MapAuth();
        api.MapUsers();
        api.MapAvatars();
        api.MapConversations();
        api.MapMessages();
        api.MapFiles();
        api.MapBundles();
        api.MapSearch();
        api.MapModeration();
        api.MapCompliance();
        api.MapAudit();
        api.MapSecurity();
        api.MapRuntimeSettings();
        api.MapDashboard();
        api.MapSso();
        api.MapTwoFactor();
        api.MapDirectory();
        api.MapConversationAdmin();
        api.MapAi();
        api.MapKnowledge();
        api.MapAssistant();
        api.MapLdap();
        api.MapPlanner();
        api.MapCustomEmoji();
        api.MapPush();
        api.MapUrgent();
        api.MapTranslation();
        api.MapScheduled();
        api.MapCalls();
        api.MapSaved();
        api.MapPolls();
        api.MapIncomingWebhooks();
        api.MapInvitations();
        api.MapScimTokens();
        api.MapEmbed();
        api.MapService();
        api.MapWebhooks();
        api.MapConfig();
        api.MapBots();
        api.MapSlashCommands();
        app.MapScimApi();
        app.MapHub<ParleyHub>(HubNames.Path);
        app.MapWebClientFallback();
        return app;
    }
}

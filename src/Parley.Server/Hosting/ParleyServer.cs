using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Cluster;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Files;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Planner;
using Parley.Server.Features.Search;
using Parley.Server.Features.Users;
using Parley.Server.Realtime;
using Parley.Server.Storage;
using Scalar.AspNetCore;

namespace Parley.Server.Hosting;

/// <summary>Composition of the server: services (<see cref="AddParley"/>) and the HTTP pipeline (<see cref="MapParley"/>).</summary>
public static class ParleyServer
{
    /// <summary>Largest JSON request body; message text is limited separately (MessagesOptions.MaxTextBytes).</summary>
    public const long MaxJsonBody = 256 * 1024;

    public static WebApplicationBuilder AddParley(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.Section));
        services.AddOptions<AuthOptions>().Bind(config.GetSection(AuthOptions.Section));
        services.AddOptions<MessagesOptions>().Bind(config.GetSection(MessagesOptions.Section));
        services.AddOptions<RealtimeOptions>().Bind(config.GetSection(RealtimeOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RealtimeOptions>, RealtimeOptionsValidation>();
        // The hub's heartbeats come from the same validated options the hello event announces.
        services.AddOptions<Microsoft.AspNetCore.SignalR.HubOptions>().Configure<IOptions<RealtimeOptions>>((hub, realtime) =>
        {
            hub.KeepAliveInterval = realtime.Value.KeepAliveInterval;
            hub.ClientTimeoutInterval = realtime.Value.ClientTimeout;
        });
        services.AddOptions<ConversationsOptions>().Bind(config.GetSection(ConversationsOptions.Section));

        services.AddSingleton<Database>();
        services.AddSingleton<WriteQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<WriteQueue>());
        services.AddSingleton<EventDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        var health = services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        var cluster = new ClusterOptions
        {
            RedisConnectionString = config.GetConnectionString(ClusterOptions.ConnectionStringName),
            Prefix = config["Parley:Cluster:Prefix"] is { Length: > 0 } prefix ? prefix : "parley:",
        };
        services.AddSingleton(cluster);
        if (cluster.Enabled)
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<ClusterBus>();
            services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<ClusterBus>());
            services.AddHostedService(sp => sp.GetRequiredService<ClusterBus>());
            services.AddSingleton<RedisPresenceDirectory>();
            services.AddSingleton<IPresenceDirectory>(sp => sp.GetRequiredService<RedisPresenceDirectory>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisPresenceDirectory>());
            services.AddSingleton<IRateCounter, RedisRateCounter>();
            health.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }
        else
        {
            services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<EventDispatcher>());
            services.AddSingleton<IPresenceDirectory, LocalPresenceDirectory>();
            services.AddSingleton<IRateCounter, LocalRateCounter>();
        }
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<TypingThrottle>();

        services.AddSingleton<UserStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionCache>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<UserService>();
        services.AddSingleton<AuthService>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<MessageService>();
        services.AddSingleton<SearchStore>();
        services.AddSingleton<SearchService>();

        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(UsersApi.AdminPolicy, p => p.RequireRole("admin"));

        services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Parley API";
            doc.Info.Description = "Self-hosted enterprise messaging. Errors are RFC 9457 problem details with a stable `code`. Real-time: SignalR hub at /api/v1/hub.";
            return Task.CompletedTask;
        }));
        services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 64 * 1024;
                o.EnableDetailedErrors = false;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase)
            .AddMessagePackProtocol();

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
        builder.AddFiles();
        return builder;
    }

    public static WebApplication MapParley(this WebApplication app)
    {
        app.UseServerTiming();
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = ProblemMapping.HandleAsync,
            // A client's mistake answered with a 4xx problem is not a server error: no error log with a stack trace for it.
            SuppressDiagnosticsCallback = c => c.HttpContext.Response.StatusCode is >= 400 and < 500,
        });
        app.UseStatusCodePages(ctx => ProblemMapping.StatusOnlyAsync(ctx.HttpContext));
        // Static files before routing: a request for an existing file never reaches an endpoint.
        app.UseWebClient();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealth();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Parley API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.MapAuthApi();
        api.MapUsersApi();
        api.MapConversationsApi();
        api.MapMessagesApi();
        api.MapFilesApi();
        api.MapSearchApi();
        api.MapPlannerApi();
        app.MapHub<ParleyHub>(HubNames.Path);
        app.MapWebClientFallback();
        return app;
    }
}

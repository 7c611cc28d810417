using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Parley.Server.Features.Calls.Sfu;

/// <summary>Composition root of the Janus SFU: with Parley:Calls:Janus:Url set, <see cref="ISfuRooms"/> is Janus.</summary>
public static class JanusExtensions
{
    public static IServiceCollection AddJanusSfu(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JanusOptions>().Bind(configuration.GetSection(JanusOptions.Section))
            .Validate(o => o.Url is null || JanusOptions.IsHttpUrl(o.Url), "Parley:Calls:Janus:Url must be Janus's HTTP API, e.g. http://10.0.0.5:8088/janus.")
            .Validate(o => o.ClientUrl is null || JanusOptions.IsHttpUrl(o.ClientUrl), "Parley:Calls:Janus:ClientUrl must be an http(s) URL of Janus's API as browsers reach it.")
            .Validate(o => JanusOptions.VideoCodecs.Contains(o.VideoCodec), $"Parley:Calls:Janus:VideoCodec is one of: {string.Join(", ", JanusOptions.VideoCodecs)}.")
            .Validate(o => o.PublisherBitrate >= 0 && o.Timeout > TimeSpan.Zero, "Parley:Calls:Janus: PublisherBitrate ≥ 0 and Timeout > 0.")
            .ValidateOnStart();
        var configured = !string.IsNullOrWhiteSpace(configuration[$"{JanusOptions.Section}:Url"]);
        if (!configured) return services;
        services.AddHttpClient(JanusClient.HttpClientName);
        services.TryAddSingleton<JanusClient>();
        services.Replace(ServiceDescriptor.Singleton<ISfuRooms, JanusSfuRooms>());
        return services;
    }
}

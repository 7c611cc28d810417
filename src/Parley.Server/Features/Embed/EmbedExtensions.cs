using Microsoft.Extensions.Options;

namespace Parley.Server.Features.Embed;

/// <summary>Composition root of embedding: applications, tokens, scoped sessions and the /embed page's framing.</summary>
public static class EmbedExtensions
{
    public static WebApplicationBuilder AddEmbed(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbedOptions>().Bind(builder.Configuration.GetSection(EmbedOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmbedOptions>, EmbedOptionsValidation>();
        builder.Services.AddSingleton<EmbedStore>();
        builder.Services.AddSingleton<EmbedFrameAncestors>();
        builder.Services.AddSingleton<EmbedService>();
        return builder;
    }

    public static RouteGroupBuilder MapEmbed(this RouteGroupBuilder api)
    {
        api.MapEmbedApi();
        return api;
    }
}

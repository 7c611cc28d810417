using Parley.Server.Features.Translation.Providers;
using Parley.Server.Platform;

namespace Parley.Server.Features.Translation;

/// <summary>Composition root of translation: the providers behind <see cref="ITranslationProvider"/>, settings, service, erase step.</summary>
public static class TranslationExtensions
{
    public static WebApplicationBuilder AddTranslation(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TranslationOptions>().Bind(builder.Configuration.GetSection(TranslationOptions.Section))
            .Validate(o => o.RatePerMinute is > 0 and <= 10_000 && o.MaxTextLength is > 0 and <= 100_000 && o.Timeout > TimeSpan.Zero,
                "Parley:Translation: RatePerMinute must be 1–10000, MaxTextLength 1–100000, Timeout positive.")
            .Validate(o => o.Languages.All(l => Languages.Normalise(l) == l),
                $"Parley:Translation:Languages: use Parley's codes ({string.Join(", ", Languages.Known.Keys)}).")
            .Validate(o => o.EnabledProviders.All(ProviderIds.Contains),
                $"Parley:Translation:EnabledProviders: each is one of {string.Join(", ", ProviderIds)}.")
            .ValidateOnStart();
        services.AddHttpClient(TranslationHttp.ClientName, c => c.Timeout = TimeSpan.FromSeconds(120));
        services.AddSingleton<ITranslationProvider, ApertiumProvider>();
        services.AddSingleton<ITranslationProvider, LibreTranslateProvider>();
        services.AddSingleton<ITranslationProvider, DeepLProvider>();
        services.AddSingleton<ITranslationProvider, AzureTranslatorProvider>();
        services.AddSingleton<ITranslationProvider, BaiduProvider>();
        services.AddSingleton<ITranslationProvider, YoudaoProvider>();
        services.AddSingleton<ITranslationProvider, TencentProvider>();
        services.AddSingleton<ITranslationProvider, LlmTranslationProvider>();
        services.AddSingleton<TranslationSettings>();
        services.AddSingleton<TranslationStore>();
        services.AddSingleton<TranslationService>();
        services.AddMessageWriteStep<TranslationEraseStep>();
        return builder;
    }

    /// <summary>The ids of the providers registered above (start-up validation needs them before the container exists).</summary>
    public static readonly IReadOnlyList<string> ProviderIds = ["apertium", "libretranslate", "deepl", "azure", "baidu", "youdao", "tencent", "llm"];

    public static RouteGroupBuilder MapTranslation(this RouteGroupBuilder api)
    {
        api.MapTranslationApi();
        return api;
    }
}

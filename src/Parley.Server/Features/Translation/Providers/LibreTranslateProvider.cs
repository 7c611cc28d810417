using System.Net.Http.Json;

namespace Parley.Server.Features.Translation.Providers;

/// <summary>
/// LibreTranslate or a server with its API (<c>POST /translate</c> with JSON <c>{ q, source, target, format, api_key }</c>,
/// answer <c>{ translatedText, detectedLanguage: { language } }</c>); self-hosted or a paid instance.
/// </summary>
public sealed class LibreTranslateProvider(IHttpClientFactory http, TranslationSettings settings) : ITranslationProvider
{
    public string Id => "libretranslate";
    public string Section => "LibreTranslate";
    public IReadOnlyList<TranslationField> Fields { get; } = [new("Url"), new("ApiKey", Secret: true)];

    public bool IsConfigured(TranslationOptions options) => !string.IsNullOrEmpty(options.LibreTranslate.Url);

    public Task<IReadOnlyCollection<string>> SupportedLanguagesAsync(TranslationOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(TranslationHttp.AllKnown);

    public async Task<TranslationResult> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken)
    {
        var o = (await settings.CurrentAsync()).LibreTranslate;
        var body = new Dictionary<string, string>
        {
            ["q"] = text,
            ["source"] = sourceLanguage is null ? "auto" : Languages.LibreTranslate(sourceLanguage),
            ["target"] = Languages.LibreTranslate(targetLanguage),
            ["format"] = "text",
        };
        if (!string.IsNullOrEmpty(o.ApiKey)) body["api_key"] = o.ApiKey;
        using var request = new HttpRequestMessage(HttpMethod.Post, TranslationHttp.Url(o.Url, "/translate")) { Content = JsonContent.Create(body) };
        var answer = await TranslationHttp.SendAsync(http, request, Id, cancellationToken);
        var detected = Languages.Normalise(TranslationHttp.OptionalText(answer, "detectedLanguage", "language")) ?? sourceLanguage;
        return new TranslationResult(TranslationHttp.Text(answer, Id, "translatedText"), detected, Id);
    }
}

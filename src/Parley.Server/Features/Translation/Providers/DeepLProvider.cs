using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.Server.Features.Translation.Providers;

/// <summary>
/// DeepL API (<c>POST /v2/translate</c>, header <c>Authorization: DeepL-Auth-Key …</c>, JSON <c>{ text: [..], target_lang }</c>).
/// The URL is <c>https://api-free.deepl.com</c> for a Free key, <c>https://api.deepl.com</c> for Pro.
/// </summary>
public sealed class DeepLProvider(IHttpClientFactory http, TranslationSettings settings) : ITranslationProvider
{
    public string Id => "deepl";
    public string Section => "DeepL";
    public IReadOnlyList<TranslationField> Fields { get; } = [new("Url"), new("ApiKey", Secret: true)];

    public bool IsConfigured(TranslationOptions options) => !string.IsNullOrEmpty(options.DeepL.Url) && !string.IsNullOrEmpty(options.DeepL.ApiKey);

    public Task<IReadOnlyCollection<string>> SupportedLanguagesAsync(TranslationOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(TranslationHttp.AllKnown);

    public async Task<TranslationResult> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken)
    {
        var o = (await settings.CurrentAsync()).DeepL;
        var body = new Dictionary<string, object> { ["text"] = new[] { text }, ["target_lang"] = Languages.DeepLTarget(targetLanguage) };
        if (sourceLanguage is not null) body["source_lang"] = Languages.DeepLSource(sourceLanguage);
        using var request = new HttpRequestMessage(HttpMethod.Post, TranslationHttp.Url(o.Url, "/v2/translate")) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("DeepL-Auth-Key", o.ApiKey);
        var answer = await TranslationHttp.SendAsync(http, request, Id, cancellationToken);
        if (!answer.TryGetProperty("translations", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw new TranslationFailedException("DeepL's answer has no translations.");
        var first = list[0];
        return new TranslationResult(TranslationHttp.Text(first, Id, "text"),
            Languages.Normalise(TranslationHttp.OptionalText(first, "detected_source_language")) ?? sourceLanguage, Id);
    }
}

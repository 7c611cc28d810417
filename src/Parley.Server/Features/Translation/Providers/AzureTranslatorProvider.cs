using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.Server.Features.Translation.Providers;

/// <summary>
/// Azure AI Translator v3 (<c>POST /translate?api-version=3.0&amp;to=…</c>, body <c>[{ "Text": … }]</c>, headers
/// <c>Ocp-Apim-Subscription-Key</c> and, for a regional resource, <c>Ocp-Apim-Subscription-Region</c>).
/// </summary>
public sealed class AzureTranslatorProvider(IHttpClientFactory http, TranslationSettings settings) : ITranslationProvider
{
    public string Id => "azure";
    public string Section => "Azure";
    public IReadOnlyList<TranslationField> Fields { get; } = [new("Url"), new("Key", Secret: true), new("Region")];

    public bool IsConfigured(TranslationOptions options) => !string.IsNullOrEmpty(options.Azure.Url) && !string.IsNullOrEmpty(options.Azure.Key);

    public Task<IReadOnlyCollection<string>> SupportedLanguagesAsync(TranslationOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(TranslationHttp.AllKnown);

    public async Task<TranslationResult> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken)
    {
        var o = (await settings.CurrentAsync()).Azure;
        var query = $"/translate?api-version=3.0&to={Uri.EscapeDataString(Languages.Azure(targetLanguage))}"
            + (sourceLanguage is null ? "" : $"&from={Uri.EscapeDataString(Languages.Azure(sourceLanguage))}");
        using var request = new HttpRequestMessage(HttpMethod.Post, TranslationHttp.Url(o.Url, query))
        {
            Content = JsonContent.Create(new[] { new Dictionary<string, string> { ["Text"] = text } }),
        };
        request.Headers.Add("Ocp-Apim-Subscription-Key", o.Key);
        if (!string.IsNullOrEmpty(o.Region)) request.Headers.Add("Ocp-Apim-Subscription-Region", o.Region);
        request.Headers.Add("X-ClientTraceId", Guid.NewGuid().ToString());
        var answer = await TranslationHttp.SendAsync(http, request, Id, cancellationToken);
        if (answer.ValueKind != JsonValueKind.Array || answer.GetArrayLength() == 0 || !answer[0].TryGetProperty("translations", out var list)
            || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw new TranslationFailedException("Azure Translator's answer has no translations.");
        return new TranslationResult(TranslationHttp.Text(list[0], Id, "text"),
            Languages.Normalise(TranslationHttp.OptionalText(answer[0], "detectedLanguage", "language")) ?? sourceLanguage, Id);
    }
}

using System.Text.Json;

namespace Parley.Server.Features.Translation.Providers;

/// <summary>
/// Apertium through apertium-apy's HTTP API (<c>GET /listPairs</c>, <c>GET /translate?langpair=eng|spa&amp;q=…</c>):
/// rule-based, offline, run by the company (Debian's <c>apertium-apy</c> with language pairs such as
/// <c>apertium-eng-spa</c>). Pairs are named in ISO 639-3. Apertium does not detect languages: without a source the
/// first installed pair into the target is used, which is right when one pair leads there (eng→spa, spa→eng).
/// </summary>
public sealed class ApertiumProvider(IHttpClientFactory http, TranslationSettings settings) : ITranslationProvider
{
    public string Id => "apertium";
    public string Section => "Apertium";
    public IReadOnlyList<TranslationField> Fields { get; } = [new("Url")];

    public bool IsConfigured(TranslationOptions options) => !string.IsNullOrEmpty(options.Apertium.Url);

    public async Task<IReadOnlyCollection<string>> SupportedLanguagesAsync(TranslationOptions options, CancellationToken cancellationToken) =>
        (await PairsAsync(options.Apertium.Url, cancellationToken)).Select(p => p.Target).Distinct().ToList();

    public async Task<TranslationResult> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken)
    {
        var url = (await settings.CurrentAsync()).Apertium.Url;
        var pairs = await PairsAsync(url, cancellationToken);
        var pair = pairs.FirstOrDefault(p => p.Target == targetLanguage && (sourceLanguage is null || p.Source == sourceLanguage));
        if (pair.Target is null) throw new TranslationFailedException($"Apertium has no installed pair into {targetLanguage}.");
        var langpair = $"{Languages.Iso6393[pair.Source]}|{Languages.Iso6393[pair.Target]}";
        // markUnknown=no: Apertium otherwise prefixes words it does not know with '*'.
        using var request = new HttpRequestMessage(HttpMethod.Get, TranslationHttp.Url(url,
            $"/translate?langpair={Uri.EscapeDataString(langpair)}&markUnknown=no&q={Uri.EscapeDataString(text)}"));
        var answer = await TranslationHttp.SendAsync(http, request, Id, cancellationToken);
        return new TranslationResult(TranslationHttp.Text(answer, Id, "responseData", "translatedText"), pair.Source, Id);
    }

    /// <summary>The installed pairs whose languages Parley knows (apertium-apy also lists variants such as eng_US).</summary>
    private async Task<IReadOnlyList<(string Source, string Target)>> PairsAsync(string? url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, TranslationHttp.Url(url, "/listPairs"));
        var answer = await TranslationHttp.SendAsync(http, request, Id, cancellationToken);
        if (!answer.TryGetProperty("responseData", out var data) || data.ValueKind != JsonValueKind.Array)
            throw new TranslationFailedException("apertium-apy's /listPairs has no responseData.");
        var pairs = new List<(string, string)>();
        foreach (var p in data.EnumerateArray())
        {
            var source = FromIso6393(TranslationHttp.OptionalText(p, "sourceLanguage"));
            var target = FromIso6393(TranslationHttp.OptionalText(p, "targetLanguage"));
            if (source is not null && target is not null) pairs.Add((source, target));
        }
        return pairs;
    }

    private static string? FromIso6393(string? code) => code is null ? null : Languages.Iso6393.FirstOrDefault(kv => kv.Value == code).Key;
}

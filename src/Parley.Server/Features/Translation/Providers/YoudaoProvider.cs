using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Parley.Server.Features.Translation.Providers;

/// <summary>
/// Youdao text translation (有道智云, <c>openapi.youdao.com/api</c>), signature v3: a form POST of q, from, to, appKey,
/// salt, curtime (Unix seconds), signType=v3 and <c>sign = SHA256(appKey + input + salt + curtime + appSecret)</c>, where
/// input is q itself up to 20 characters, else its first 10 characters, its length and its last 10 characters.
/// </summary>
public sealed class YoudaoProvider(IHttpClientFactory http, TranslationSettings settings, TimeProvider clock) : ITranslationProvider
{
    public string Id => "youdao";
    public string Section => "Youdao";
    public IReadOnlyList<TranslationField> Fields { get; } = [new("Url"), new("AppKey"), new("AppSecret", Secret: true)];

    public bool IsConfigured(TranslationOptions options) =>
        !string.IsNullOrEmpty(options.Youdao.Url) && !string.IsNullOrEmpty(options.Youdao.AppKey) && !string.IsNullOrEmpty(options.Youdao.AppSecret);

    public Task<IReadOnlyCollection<string>> SupportedLanguagesAsync(TranslationOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(TranslationHttp.AllKnown);

    /// <summary>Youdao's "input": counted in characters (code points, as their Python sample's len() counts them).</summary>
    public static string Input(string q)
    {
        var runes = q.EnumerateRunes().Select(r => r.ToString()).ToList();
        return runes.Count <= 20 ? q : string.Concat(runes.Take(10)) + runes.Count.ToString(CultureInfo.InvariantCulture) + string.Concat(runes.TakeLast(10));
    }

    public static string Sign(string appKey, string q, string salt, string curtime, string appSecret) =>
        TranslationHttp.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(appKey + Input(q) + salt + curtime + appSecret)));

    public async Task<TranslationResult> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken)
    {
        var o = (await settings.CurrentAsync()).Youdao;
        var salt = Guid.NewGuid().ToString();
        var curtime = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, TranslationHttp.Url(o.Url, ""))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["q"] = text,
                ["from"] = sourceLanguage is null ? "auto" : Languages.Youdao(sourceLanguage),
                ["to"] = Languages.Youdao(targetLanguage),
                ["appKey"] = o.AppKey!,
                ["salt"] = salt,
                ["sign"] = Sign(o.AppKey!, text, salt, curtime, o.AppSecret!),
                ["signType"] = "v3",
                ["curtime"] = curtime,
            }),
        };
        var answer = await TranslationHttp.SendAsync(http, request, Id, cancellationToken);
        var code = TranslationHttp.OptionalText(answer, "errorCode");
        if (code != "0") throw new TranslationFailedException($"Youdao refused the request: errorCode {code ?? "missing"}");
        if (!answer.TryGetProperty("translation", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw new TranslationFailedException("Youdao's answer has no translation.");
        // "l" is "from2to", e.g. "en2zh-CHS".
        var l = TranslationHttp.OptionalText(answer, "l");
        var detected = l is null ? null : Languages.Normalise(l.Split('2')[0]);
        return new TranslationResult(string.Join('\n', list.EnumerateArray().Select(e => e.GetString())), detected ?? sourceLanguage, Id);
    }
}

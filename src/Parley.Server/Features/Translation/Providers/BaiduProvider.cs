using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Parley.Server.Features.Translation.Providers;

/// <summary>
/// Baidu Translate general text API (百度翻译开放平台, <c>/api/trans/vip/translate</c>): a form POST of q, from, to,
/// appid, salt and <c>sign = MD5(appid + q + salt + key)</c> in lower-case hex, q being the text before URL encoding.
/// </summary>
public sealed class BaiduProvider(IHttpClientFactory http, TranslationSettings settings) : ITranslationProvider
{
    public string Id => "baidu";
    public string Section => "Baidu";
    public IReadOnlyList<TranslationField> Fields { get; } = [new("Url"), new("AppId"), new("Key", Secret: true)];

    public bool IsConfigured(TranslationOptions options) =>
        !string.IsNullOrEmpty(options.Baidu.Url) && !string.IsNullOrEmpty(options.Baidu.AppId) && !string.IsNullOrEmpty(options.Baidu.Key);

    public Task<IReadOnlyCollection<string>> SupportedLanguagesAsync(TranslationOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(TranslationHttp.AllKnown);

    /// <summary>The documented signature (MD5 is Baidu's choice, not ours; it authenticates the request, it protects nothing at rest).</summary>
    public static string Sign(string appId, string q, string salt, string key) =>
#pragma warning disable CA5351 // Baidu's API defines the signature as MD5.
        TranslationHttp.Hex(MD5.HashData(Encoding.UTF8.GetBytes(appId + q + salt + key)));
#pragma warning restore CA5351

    public async Task<TranslationResult> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken)
    {
        var o = (await settings.CurrentAsync()).Baidu;
        var salt = RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, TranslationHttp.Url(o.Url, ""))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["q"] = text,
                ["from"] = sourceLanguage is null ? "auto" : Languages.Baidu(sourceLanguage),
                ["to"] = Languages.Baidu(targetLanguage),
                ["appid"] = o.AppId!,
                ["salt"] = salt,
                ["sign"] = Sign(o.AppId!, text, salt, o.Key!),
            }),
        };
        var answer = await TranslationHttp.SendAsync(http, request, Id, cancellationToken);
        if (TranslationHttp.OptionalText(answer, "error_code") is { } code && code != "52000")
            throw new TranslationFailedException($"Baidu refused the request: {code} {TranslationHttp.OptionalText(answer, "error_msg")}");
        if (!answer.TryGetProperty("trans_result", out var results) || results.ValueKind != JsonValueKind.Array)
            throw new TranslationFailedException("Baidu's answer has no trans_result.");
        // Baidu translates each line of q as its own entry.
        var lines = results.EnumerateArray().Select(r => TranslationHttp.Text(r, Id, "dst"));
        return new TranslationResult(string.Join('\n', lines), FromBaidu(TranslationHttp.OptionalText(answer, "from")) ?? sourceLanguage, Id);
    }

    private static string? FromBaidu(string? code) => code switch
    {
        null => null, "zh" => "zh-CN", "cht" => "zh-TW", "spa" => "es", "fra" => "fr", "jp" => "ja", "kor" => "ko", "ara" => "ar",
        _ => Languages.Normalise(code),
    };
}

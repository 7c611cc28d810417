using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Parley.Server.Features.Translation.Providers;

/// <summary>
/// Tencent Cloud Machine Translation (TMT), action <c>TextTranslate</c> version 2018-03-21, signed with TC3-HMAC-SHA256
/// (Tencent Cloud API 3.0 signature v3): a canonical request over the method, path, content-type, host and action headers
/// and the payload's SHA-256; a string to sign with the timestamp and the credential scope <c>date/tmt/tc3_request</c>;
/// a key derived by HMAC-SHA256 from "TC3" + SecretKey through the date, the service and "tc3_request".
/// </summary>
public sealed class TencentProvider(IHttpClientFactory http, TranslationSettings settings, TimeProvider clock) : ITranslationProvider
{
    public const string Service = "tmt", Action = "TextTranslate", Version = "2018-03-21", ContentType = "application/json; charset=utf-8";

    public string Id => "tencent";
    public string Section => "Tencent";
    public IReadOnlyList<TranslationField> Fields { get; } = [new("Url"), new("SecretId"), new("SecretKey", Secret: true), new("Region"), new("ProjectId")];

    public bool IsConfigured(TranslationOptions options) =>
        !string.IsNullOrEmpty(options.Tencent.Url) && !string.IsNullOrEmpty(options.Tencent.SecretId) && !string.IsNullOrEmpty(options.Tencent.SecretKey);

    public Task<IReadOnlyCollection<string>> SupportedLanguagesAsync(TranslationOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(TranslationHttp.AllKnown);

    /// <summary>The Authorization header's value for a POST of <paramref name="payload"/> to host at the given Unix time.</summary>
    public static string Authorization(string secretId, string secretKey, string host, string payload, long timestamp)
    {
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        const string signedHeaders = "content-type;host;x-tc-action";
        var canonicalRequest = string.Join('\n', "POST", "/", "",
            $"content-type:{ContentType}\nhost:{host}\nx-tc-action:{Action.ToLowerInvariant()}\n", signedHeaders, Sha256Hex(payload));
        var scope = $"{date}/{Service}/tc3_request";
        var stringToSign = string.Join('\n', "TC3-HMAC-SHA256", timestamp.ToString(CultureInfo.InvariantCulture), scope, Sha256Hex(canonicalRequest));
        var secretDate = Hmac(Encoding.UTF8.GetBytes("TC3" + secretKey), date);
        var secretService = Hmac(secretDate, Service);
        var secretSigning = Hmac(secretService, "tc3_request");
        var signature = TranslationHttp.Hex(Hmac(secretSigning, stringToSign));
        return $"TC3-HMAC-SHA256 Credential={secretId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    private static string Sha256Hex(string s) => TranslationHttp.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    public async Task<TranslationResult> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken)
    {
        var o = (await settings.CurrentAsync()).Tencent;
        var url = TranslationHttp.Url(o.Url, "/");
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["SourceText"] = text,
            ["Source"] = sourceLanguage is null ? "auto" : Languages.Tencent(sourceLanguage),
            ["Target"] = Languages.Tencent(targetLanguage),
            ["ProjectId"] = o.ProjectId,
        });
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var host = url.IsDefaultPort ? url.Host : url.Authority;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(o.SecretId!, o.SecretKey!, host, payload, timestamp));
        request.Headers.Host = host;
        request.Headers.Add("X-TC-Action", Action);
        request.Headers.Add("X-TC-Version", Version);
        request.Headers.Add("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-TC-Region", o.Region);
        var answer = await TranslationHttp.SendAsync(http, request, Id, cancellationToken);
        if (!answer.TryGetProperty("Response", out var response)) throw new TranslationFailedException("Tencent's answer has no Response.");
        if (response.TryGetProperty("Error", out var error))
            throw new TranslationFailedException($"Tencent refused the request: {TranslationHttp.OptionalText(error, "Code")} {TranslationHttp.OptionalText(error, "Message")}");
        return new TranslationResult(TranslationHttp.Text(response, Id, "TargetText"),
            Languages.Normalise(TranslationHttp.OptionalText(response, "Source")) ?? sourceLanguage, Id);
    }
}

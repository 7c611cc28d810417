using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Parley.Contracts;
using Parley.Server.Features.Translation.Providers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Translation;

/// <summary>
/// Contract tests, not quality tests: no cloud vendor and no language model can be reached here, so each provider
/// talks to <see cref="RecordingVendor"/> on loopback, and the test checks the request against the vendor's published
/// API: signatures are recomputed here, independently of Parley's code, from the vendor's documented algorithm (and its
/// worked example where the documentation gives one with real values: Baidu's). The answers are scripted, so these
/// tests say nothing about translation quality (zh↔en included).
/// </summary>
public sealed class TranslationContractTests : IAsyncLifetime
{
    private RecordingVendor _vendor = null!;
    private TestServer? _server;

    public async Task InitializeAsync() => _vendor = await RecordingVendor.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _vendor.DisposeAsync();
    }

    /// <summary>A server with one provider enabled through configuration, and a message to translate.</summary>
    private async Task<(Session User, long MessageId)> StartAsync(string provider, string section, string text, Dictionary<string, string?> fields)
    {
        var settings = new Dictionary<string, string?> { ["Parley:Translation:EnabledProviders:0"] = provider };
        foreach (var (k, v) in fields) settings[$"Parley:Translation:{section}:{k}"] = v;
        _server = await TestServer.StartAsync(settings);
        var alice = await _server.UserAsync();
        var c = await alice.CreateAsync(ConversationKinds.Group, "contract", (await _server.UserAsync()).Id);
        var m = await alice.SendAsync(c.Id, text);
        return (alice, m.Id);
    }

    private static Task<HttpResponseMessage> Translate(Session s, long messageId, string target) =>
        s.Http.PostAsJsonAsync($"/api/v1/messages/{messageId}/translations", new TranslateMessageRequest(target));

    private static string Hex(byte[] b) => string.Concat(b.Select(x => x.ToString("x2", CultureInfo.InvariantCulture)));

    [Fact]
    public void BaiduSign_DocumentedExample_MatchesPublishedSignature()
    {
        // Baidu Translate's documentation: appid 2015063000000001, q "apple", salt 1435660288, key 12345678 →
        // sign f89f9594663708c1605f3d736d01d2d4.
        Assert.Equal("f89f9594663708c1605f3d736d01d2d4", BaiduProvider.Sign("2015063000000001", "apple", "1435660288", "12345678"));
    }

    [Fact]
    public void YoudaoInput_LongerThan20Characters_IsFirst10LengthLast10()
    {
        Assert.Equal("今天下午三点在三楼会24目评审会，请准时参加", YoudaoProvider.Input("今天下午三点在三楼会议室开项目评审会，请准时参加"));
        Assert.Equal("exactly twenty chars", YoudaoProvider.Input("exactly twenty chars"));
    }

    [Fact]
    public async Task Baidu_ContractTest_FormPostSignedWithDocumentedMd5()
    {
        _vendor.Answer("baidu", """{"from":"en","to":"zh","trans_result":[{"src":"apple","dst":"苹果"}]}""");
        var (alice, id) = await StartAsync("baidu", "Baidu", "apple", new() { ["Url"] = _vendor.Url + "/baidu", ["AppId"] = "2015063000000001", ["Key"] = "12345678" });

        var t = await alice.Ok<TranslationDto>(Translate(alice, id, "zh-CN"));

        Assert.Equal(("苹果", "baidu", "en"), (t.Text, t.Provider, t.SourceLanguage));
        var r = Assert.Single(_vendor.Requests);
        Assert.Equal("POST", r.Method);
        var form = HttpUtility.ParseQueryString(r.Body);
        Assert.Equal(("apple", "auto", "zh", "2015063000000001"), (form["q"], form["from"], form["to"], form["appid"]));
#pragma warning disable CA5351 // Baidu's API defines the signature as MD5.
        var expected = Hex(MD5.HashData(Encoding.UTF8.GetBytes("2015063000000001" + "apple" + form["salt"] + "12345678")));
#pragma warning restore CA5351
        Assert.True(expected == form["sign"], $"Baidu's sign must be MD5(appid+q+salt+key) = {expected}, got {form["sign"]}");
    }

    [Fact]
    public async Task Youdao_ContractTest_V3SignatureWithTruncatedInput()
    {
        const string text = "今天下午三点在三楼会议室开项目评审会，请准时参加";
        _vendor.Answer("youdao", """{"errorCode":"0","query":"x","translation":["The project review is at 3 pm on the third floor."],"l":"zh-CHS2en"}""");
        var (alice, id) = await StartAsync("youdao", "Youdao", text, new() { ["Url"] = _vendor.Url + "/youdao", ["AppKey"] = "app-key-1", ["AppSecret"] = "app-secret-1" });

        var t = await alice.Ok<TranslationDto>(Translate(alice, id, "en"));

        Assert.Equal(("youdao", "zh-CN"), (t.Provider, t.SourceLanguage));
        var form = HttpUtility.ParseQueryString(Assert.Single(_vendor.Requests).Body);
        Assert.Equal((text, "auto", "en", "app-key-1", "v3"), (form["q"], form["from"], form["to"], form["appKey"], form["signType"]));
        var curtime = long.Parse(form["curtime"]!, CultureInfo.InvariantCulture);
        Assert.InRange(curtime, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        // input = first 10 characters + length (24) + last 10 characters, as Youdao documents for q longer than 20.
        var expected = Hex(SHA256.HashData(Encoding.UTF8.GetBytes("app-key-1" + "今天下午三点在三楼会24目评审会，请准时参加" + form["salt"] + form["curtime"] + "app-secret-1")));
        Assert.True(expected == form["sign"], $"Youdao's v3 sign must be SHA256(appKey+input+salt+curtime+appSecret) = {expected}, got {form["sign"]}");
    }

    [Fact]
    public async Task Tencent_ContractTest_Tc3HmacSha256SignatureRecomputes()
    {
        _vendor.Answer("tencent", """{"Response":{"TargetText":"早上好","Source":"en","Target":"zh","RequestId":"r-1"}}""");
        var (alice, id) = await StartAsync("tencent", "Tencent", "Good morning",
            new() { ["Url"] = _vendor.Url + "/tencent", ["SecretId"] = "AKIDtest", ["SecretKey"] = "tencent-secret", ["Region"] = "ap-shanghai" });

        var t = await alice.Ok<TranslationDto>(Translate(alice, id, "zh-CN"));

        Assert.Equal(("早上好", "tencent", "en"), (t.Text, t.Provider, t.SourceLanguage));
        var r = Assert.Single(_vendor.Requests);
        Assert.Equal(("POST", "TextTranslate", "2018-03-21", "ap-shanghai"), (r.Method, r.Headers["X-TC-Action"], r.Headers["X-TC-Version"], r.Headers["X-TC-Region"]));
        using var payload = JsonDocument.Parse(r.Body);
        Assert.Equal(("Good morning", "auto", "zh"), (payload.RootElement.GetProperty("SourceText").GetString(),
            payload.RootElement.GetProperty("Source").GetString(), payload.RootElement.GetProperty("Target").GetString()));

        // TC3-HMAC-SHA256 as Tencent Cloud API 3.0 documents it, from the request as received.
        var timestamp = long.Parse(r.Headers["X-TC-Timestamp"], CultureInfo.InvariantCulture);
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var canonical = $"POST\n/\n\ncontent-type:{r.Headers["Content-Type"]}\nhost:{r.Headers["Host"]}\nx-tc-action:texttranslate\n\ncontent-type;host;x-tc-action\n"
            + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(r.Body)));
        var toSign = $"TC3-HMAC-SHA256\n{timestamp}\n{date}/tmt/tc3_request\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        byte[] H(byte[] key, string s) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(s));
        var signing = H(H(H(Encoding.UTF8.GetBytes("TC3tencent-secret"), date), "tmt"), "tc3_request");
        var expected = $"TC3-HMAC-SHA256 Credential=AKIDtest/{date}/tmt/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature={Hex(H(signing, toSign))}";
        Assert.True(expected == r.Headers["Authorization"], $"Authorization must be the TC3 signature of the request as sent.\nexpected {expected}\ngot      {r.Headers["Authorization"]}");
        Assert.Equal("application/json; charset=utf-8", r.Headers["Content-Type"]);
    }

    [Fact]
    public async Task DeepL_ContractTest_AuthKeyHeaderAndJsonBody()
    {
        _vendor.Answer("deepl", """{"translations":[{"detected_source_language":"EN","text":"早上好"}]}""");
        var (alice, id) = await StartAsync("deepl", "DeepL", "Good morning", new() { ["Url"] = _vendor.Url + "/deepl", ["ApiKey"] = "deepl-key:fx" });

        var t = await alice.Ok<TranslationDto>(Translate(alice, id, "zh-CN"));

        Assert.Equal(("早上好", "deepl", "en"), (t.Text, t.Provider, t.SourceLanguage));
        var r = Assert.Single(_vendor.Requests);
        Assert.Equal(("POST", "/deepl/v2/translate", "DeepL-Auth-Key deepl-key:fx"), (r.Method, r.Path, r.Headers["Authorization"]));
        using var body = JsonDocument.Parse(r.Body);
        Assert.Equal("Good morning", body.RootElement.GetProperty("text")[0].GetString());
        Assert.Equal("ZH-HANS", body.RootElement.GetProperty("target_lang").GetString());
        Assert.False(body.RootElement.TryGetProperty("source_lang", out _), "no source_lang: DeepL detects it");
    }

    [Fact]
    public async Task Azure_ContractTest_SubscriptionHeadersAndVersion3Query()
    {
        _vendor.Answer("azure", """[{"detectedLanguage":{"language":"en","score":1.0},"translations":[{"text":"早上好","to":"zh-Hans"}]}]""");
        var (alice, id) = await StartAsync("azure", "Azure", "Good morning", new() { ["Url"] = _vendor.Url + "/azure", ["Key"] = "azure-key", ["Region"] = "eastasia" });

        var t = await alice.Ok<TranslationDto>(Translate(alice, id, "zh-CN"));

        Assert.Equal(("早上好", "azure", "en"), (t.Text, t.Provider, t.SourceLanguage));
        var r = Assert.Single(_vendor.Requests);
        Assert.Equal(("POST", "/azure/translate", "?api-version=3.0&to=zh-Hans"), (r.Method, r.Path, r.Query));
        Assert.Equal(("azure-key", "eastasia"), (r.Headers["Ocp-Apim-Subscription-Key"], r.Headers["Ocp-Apim-Subscription-Region"]));
        using var body = JsonDocument.Parse(r.Body);
        Assert.Equal("Good morning", body.RootElement[0].GetProperty("Text").GetString());
    }

    [Fact]
    public async Task LibreTranslate_ContractTest_JsonBodyWithApiKey()
    {
        _vendor.Answer("libre", """{"translatedText":"Buenos días","detectedLanguage":{"confidence":90,"language":"en"}}""");
        var (alice, id) = await StartAsync("libretranslate", "LibreTranslate", "Good morning", new() { ["Url"] = _vendor.Url + "/libre", ["ApiKey"] = "libre-key" });

        var t = await alice.Ok<TranslationDto>(Translate(alice, id, "es"));

        Assert.Equal(("Buenos días", "libretranslate", "en"), (t.Text, t.Provider, t.SourceLanguage));
        var r = Assert.Single(_vendor.Requests);
        Assert.Equal(("POST", "/libre/translate"), (r.Method, r.Path));
        using var body = JsonDocument.Parse(r.Body);
        var b = body.RootElement;
        Assert.Equal(("Good morning", "auto", "es", "text", "libre-key"), (b.GetProperty("q").GetString(), b.GetProperty("source").GetString(),
            b.GetProperty("target").GetString(), b.GetProperty("format").GetString(), b.GetProperty("api_key").GetString()));
    }

    [Fact]
    public async Task Llm_ContractTest_OpenAiChatRequestCarriesModelTextAndTargetLanguage()
    {
        _vendor.Answer("llm", """
            {"id":"chatcmpl-1","object":"chat.completion","created":1760000000,"model":"qwen2.5-7b-instruct",
             "choices":[{"index":0,"message":{"role":"assistant","content":"早上好，团队！"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":40,"completion_tokens":6,"total_tokens":46}}
            """);
        var (alice, id) = await StartAsync("llm", "Llm", "Good morning, team!", new() { ["Url"] = _vendor.Url + "/llm/v1", ["Model"] = "qwen2.5-7b-instruct", ["ApiKey"] = "sk-local" });

        var t = await alice.Ok<TranslationDto>(Translate(alice, id, "zh-CN"));

        Assert.Equal(("早上好，团队！", "llm"), (t.Text, t.Provider));
        var r = Assert.Single(_vendor.Requests);
        Assert.Equal(("POST", "/llm/v1/chat/completions", "Bearer sk-local"), (r.Method, r.Path, r.Headers["Authorization"]));
        using var body = JsonDocument.Parse(r.Body);
        Assert.Equal("qwen2.5-7b-instruct", body.RootElement.GetProperty("model").GetString());
        var messages = body.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("Simplified Chinese (zh-CN)", messages[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal("Good morning, team!", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Llm_ContractTest_ConfiguredButNotEnabled_SendsNothing()
    {
        _vendor.Answer("llm", "{}");
        // Configured (URL, model, key) but EnabledProviders left empty: the default. No data may leave.
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Translation:Llm:Url"] = _vendor.Url + "/llm/v1", ["Parley:Translation:Llm:Model"] = "m", ["Parley:Translation:Llm:ApiKey"] = "sk-local",
        });
        var alice = await _server.UserAsync();
        var c = await alice.CreateAsync(ConversationKinds.Group, "private", (await _server.UserAsync()).Id);
        var m = await alice.SendAsync(c.Id, "Quarterly numbers: confidential");

        var (status, code) = await alice.StatusAsync(Translate(alice, m.Id, "zh-CN"));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, TranslationErrorCodes.Disabled), (status, code));
        Assert.True(_vendor.Requests.Count == 0, "with no provider enabled nothing may be sent to the model server");
    }

    [Fact]
    public async Task Vendor_ErrorAnswer_Is503TranslationUnavailable_AndNotCached()
    {
        _vendor.Answer("baidu", """{"error_code":"54001","error_msg":"Invalid Sign"}""");
        var (alice, id) = await StartAsync("baidu", "Baidu", "apple", new() { ["Url"] = _vendor.Url + "/baidu", ["AppId"] = "1", ["Key"] = "k" });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, TranslationErrorCodes.Unavailable), await alice.StatusAsync(Translate(alice, id, "zh-CN")));
        _vendor.Answer("baidu", """{"from":"en","to":"zh","trans_result":[{"src":"apple","dst":"苹果"}]}""");
        var t = await alice.Ok<TranslationDto>(Translate(alice, id, "zh-CN"));
        Assert.False(t.Cached, "a failed translation must not be cached");
        Assert.Equal(2, _vendor.Requests.Count);
    }
}

namespace Parley.Server.Features.Translation;

/// <summary>
/// <c>Parley:Translation</c>: the engines' endpoints and credentials (secrets belong in the environment or a secrets
/// file, e.g. <c>Parley__Translation__DeepL__ApiKey</c>) and the defaults an administrator may override in the console.
/// Nothing is sent anywhere until a provider is enabled: <see cref="EnabledProviders"/> is empty by default.
/// </summary>
public sealed class TranslationOptions
{
    public const string Section = "Parley:Translation";

    /// <summary>Provider ids in order of preference; the first that is configured and offers the language translates.</summary>
    public string[] EnabledProviders { get; set; } = [];

    /// <summary>The languages users may translate into (Parley's codes).</summary>
    public string[] Languages { get; set; } = ["zh-CN", "en", "es", "ja", "ko", "fr", "de"];

    /// <summary>Engine calls per user per minute (cached translations do not count).</summary>
    public int RatePerMinute { get; set; } = 30;

    /// <summary>Longest text sent to an engine, in characters (Baidu takes 6,000 bytes per request, DeepL 128 KiB).</summary>
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>How long one engine call may take before the caller gets 503.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public EndpointOptions Apertium { get; set; } = new();
    public KeyedEndpointOptions LibreTranslate { get; set; } = new();
    public KeyedEndpointOptions DeepL { get; set; } = new() { Url = "https://api-free.deepl.com" };
    public AzureTranslatorOptions Azure { get; set; } = new();
    public BaiduOptions Baidu { get; set; } = new();
    public YoudaoOptions Youdao { get; set; } = new();
    public TencentOptions Tencent { get; set; } = new();
    public LlmTranslatorOptions Llm { get; set; } = new();
}

public class EndpointOptions
{
    public string? Url { get; set; }
}

public class KeyedEndpointOptions : EndpointOptions
{
    public string? ApiKey { get; set; }
}

public sealed class AzureTranslatorOptions : EndpointOptions
{
    public AzureTranslatorOptions() => Url = "https://api.cognitive.microsofttranslator.com";

    public string? Key { get; set; }

    /// <summary>The resource's region (Ocp-Apim-Subscription-Region); required for a regional or multi-service resource.</summary>
    public string? Region { get; set; }
}

public sealed class BaiduOptions : EndpointOptions
{
    public BaiduOptions() => Url = "https://fanyi-api.baidu.com/api/trans/vip/translate";

    public string? AppId { get; set; }
    public string? Key { get; set; }
}

public sealed class YoudaoOptions : EndpointOptions
{
    public YoudaoOptions() => Url = "https://openapi.youdao.com/api";

    public string? AppKey { get; set; }
    public string? AppSecret { get; set; }
}

public sealed class TencentOptions : EndpointOptions
{
    public TencentOptions() => Url = "https://tmt.tencentcloudapi.com";

    public string? SecretId { get; set; }
    public string? SecretKey { get; set; }
    public string Region { get; set; } = "ap-guangzhou";
    public long ProjectId { get; set; }
}

/// <summary>Any OpenAI-compatible chat endpoint (a self-hosted model server or a cloud), e.g. <c>http://llm.internal:8000/v1</c>.</summary>
public sealed class LlmTranslatorOptions : KeyedEndpointOptions
{
    public string? Model { get; set; }
}

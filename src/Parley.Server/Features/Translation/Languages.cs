namespace Parley.Server.Features.Translation;

/// <summary>
/// Parley's language codes (BCP 47 as the web client uses them: <c>zh-CN</c>, <c>en</c>, <c>es</c> …) and their
/// spelling at each vendor. Every provider speaks Parley's codes at its boundary and maps them here, so a cached
/// translation, a user's preference and the admin's list mean the same thing whatever engine made them.
/// </summary>
public static class Languages
{
    /// <summary>The codes Parley knows, with their English names (the LLM translator's prompt and the admin list).</summary>
    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["zh-CN"] = "Simplified Chinese",
        ["zh-TW"] = "Traditional Chinese",
        ["en"] = "English",
        ["es"] = "Spanish",
        ["fr"] = "French",
        ["de"] = "German",
        ["ja"] = "Japanese",
        ["ko"] = "Korean",
        ["ru"] = "Russian",
        ["pt"] = "Portuguese",
        ["it"] = "Italian",
        ["ar"] = "Arabic",
        ["ca"] = "Catalan",
    };

    /// <summary>
    /// The Parley code for what a client or a vendor wrote (case-insensitive; <c>zh</c>, <c>zh-Hans</c>, <c>zh_CN</c>
    /// are zh-CN, <c>en-US</c> is en), or null when Parley does not know the language.
    /// </summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 16) return null;
        var c = code.Trim().Replace('_', '-').ToLowerInvariant();
        switch (c)
        {
            case "zh" or "zh-cn" or "zh-hans" or "zh-sg" or "zh-chs" or "zh-hans-cn" or "cmn":
                return "zh-CN";
            case "zh-tw" or "zh-hant" or "zh-hk" or "zh-cht" or "cht" or "zt":
                return "zh-TW";
        }
        var primary = c.Split('-')[0];
        primary = Iso6393.FirstOrDefault(kv => kv.Value == primary).Key ?? primary;
        primary = primary switch { "jp" => "ja", "kor" => "ko", "spa" => "es", "fra" => "fr", "ara" => "ar", _ => primary };
        return Known.ContainsKey(primary) ? primary : null;
    }

    public static string NameOf(string code) => Known.TryGetValue(code, out var name) ? name : code;

    /// <summary>ISO 639-3 (Apertium's pair names: <c>eng|spa</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> Iso6393 = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["en"] = "eng", ["es"] = "spa", ["fr"] = "fra", ["de"] = "deu", ["ja"] = "jpn", ["ko"] = "kor", ["ru"] = "rus",
        ["pt"] = "por", ["it"] = "ita", ["ar"] = "ara", ["ca"] = "cat", ["zh-CN"] = "zho", ["zh-TW"] = "zho_TW",
    };

    /// <summary>Baidu's codes (fanyi-api.baidu.com language list): zh, cht, spa, fra, jp, kor, ara …</summary>
    public static string Baidu(string code) => code switch
    {
        "zh-CN" => "zh", "zh-TW" => "cht", "es" => "spa", "fr" => "fra", "ja" => "jp", "ko" => "kor", "ar" => "ara", "ca" => "cat",
        _ => code,
    };

    /// <summary>Youdao's codes (openapi.youdao.com): zh-CHS, zh-CHT, the rest ISO 639-1.</summary>
    public static string Youdao(string code) => code switch { "zh-CN" => "zh-CHS", "zh-TW" => "zh-CHT", _ => code };

    /// <summary>Tencent TMT's codes: zh, zh-TW, the rest ISO 639-1.</summary>
    public static string Tencent(string code) => code switch { "zh-CN" => "zh", _ => code };

    /// <summary>Azure Translator's codes: zh-Hans, zh-Hant, the rest ISO 639-1.</summary>
    public static string Azure(string code) => code switch { "zh-CN" => "zh-Hans", "zh-TW" => "zh-Hant", _ => code };

    /// <summary>LibreTranslate's codes: zh (simplified), zt (traditional), the rest ISO 639-1.</summary>
    public static string LibreTranslate(string code) => code switch { "zh-CN" => "zh", "zh-TW" => "zt", _ => code };

    /// <summary>DeepL's target codes (EN alone is deprecated; ZH-HANS / ZH-HANT name the script).</summary>
    public static string DeepLTarget(string code) => code switch
    {
        "en" => "EN-US", "pt" => "PT-PT", "zh-CN" => "ZH-HANS", "zh-TW" => "ZH-HANT", _ => code.ToUpperInvariant(),
    };

    /// <summary>DeepL's source codes: the language without a variant (EN, ZH, PT).</summary>
    public static string DeepLSource(string code) => code.StartsWith("zh", StringComparison.Ordinal) ? "ZH" : code.ToUpperInvariant();
}

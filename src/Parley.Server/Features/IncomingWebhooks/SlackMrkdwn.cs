using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Server.Features.IncomingWebhooks;

/// <summary>
/// Slack's mrkdwn to Parley's Markdown (https://api.slack.com/reference/surfaces/formatting): <c>&lt;url|label&gt;</c>
/// links, <c>&lt;!here&gt;</c>-style specials, <c>*bold*</c>, <c>~strike~</c> and the three HTML entities Slack escapes.
/// <c>_italic_</c>, code spans and code blocks mean the same in both; code is left exactly as it is.
/// </summary>
public static partial class SlackMrkdwn
{
    [GeneratedRegex(@"<([^<>\n]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex Angle();

    [GeneratedRegex(@"(?<![\w*\\])\*(?![\s*])([^*\n]+?)(?<!\s)\*(?![\w*])", RegexOptions.CultureInvariant)]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w~])~(?![\s~])([^~\n]+?)(?<!\s)~(?![\w~])", RegexOptions.CultureInvariant)]
    private static partial Regex Strike();

    /// <summary>Code blocks (```…```) and code spans (`…`), which keep their text as it is.</summary>
    [GeneratedRegex(@"```[\s\S]*?```|`[^`\n]+`", RegexOptions.CultureInvariant)]
    private static partial Regex Code();

    public static string ToMarkdown(string? mrkdwn)
    {
        if (string.IsNullOrEmpty(mrkdwn)) return "";
        var sb = new StringBuilder(mrkdwn.Length + 16);
        var at = 0;
        foreach (Match code in Code().Matches(mrkdwn))
        {
            sb.Append(Prose(mrkdwn[at..code.Index]));
            sb.Append(Unescape(code.Value));
            at = code.Index + code.Length;
        }
        sb.Append(Prose(mrkdwn[at..]));
        return sb.ToString();
    }

    private static string Prose(string text)
    {
        if (text.Length == 0) return text;
        text = Bold().Replace(text, "**$1**");
        text = Strike().Replace(text, "~~$1~~");
        // Links last: their labels are converted with the rest, their URLs are not touched by the emphasis rules above
        // only because URLs rarely hold "*word*"; the label is escaped for Markdown's brackets.
        return Unescape(Angle().Replace(text, m => Special(m.Groups[1].Value)));
    }

    private static string Special(string inner)
    {
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? inner : inner[..bar];
        var label = bar < 0 ? null : inner[(bar + 1)..];
        switch (target[0])
        {
            case '@': return "@" + (label ?? target[1..]); // <@U123> or <@U123|name>
            case '#': return "#" + (label ?? target[1..]); // <#C123|general>
            case '!':
                var word = target[1..].Split('^')[0];
                return word is "here" or "channel" or "everyone" ? "@all" : label ?? "";
        }
        target = Unescape(target);
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "mailto"))
            return label is null ? inner : label; // not a link we render: its words only
        var shown = (label is null ? (uri.Scheme == "mailto" ? target["mailto:".Length..] : target) : Unescape(label))
            .Replace("\\", "\\\\").Replace("[", "\\[").Replace("]", "\\]");
        return $"[{shown}](<{target.Replace("<", "%3C").Replace(">", "%3E")}>)";
    }

    private static string Unescape(string s) => s.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
}

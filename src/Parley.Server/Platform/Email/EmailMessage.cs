using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Parley.Server.Platform.Email;

/// <summary>
/// One e-mail to queue: plain text paragraphs and an optional link. The HTML part is built here from the same text,
/// every piece escaped, so no caller ever hands HTML to a mail client. Header values (subject, recipient name) are
/// made single-line: a CR or LF in them becomes a space, so nobody can add a header through them.
/// </summary>
public sealed record EmailMessage
{
    public const int MaxSubjectLength = 200;

    public EmailMessage(string to, string? toName, string subject, IReadOnlyList<string> paragraphs, EmailLink? link = null, string kind = "message")
    {
        if (!EmailAddress.IsValid(to)) throw new ArgumentException("Not a single valid e-mail address.", nameof(to));
        To = to;
        ToName = string.IsNullOrWhiteSpace(toName) ? null : OneLine(toName, 100);
        Subject = OneLine(subject, MaxSubjectLength);
        Paragraphs = paragraphs;
        Link = link;
        Kind = kind;
    }

    public string To { get; }
    public string? ToName { get; }
    public string Subject { get; }
    public IReadOnlyList<string> Paragraphs { get; }
    public EmailLink? Link { get; }

    /// <summary>What queued it (recorded in the outbox for operators): "test", "service.offline_reply", …</summary>
    public string Kind { get; }

    /// <summary>A header value on one line: control characters (CR, LF, TAB, …) become spaces, runs of spaces one, trimmed, capped.</summary>
    public static string OneLine(string value, int max)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var ch = char.IsControl(c) ? ' ' : c;
            if (ch == ' ' && (sb.Length == 0 || sb[^1] == ' ')) continue;
            sb.Append(ch);
        }
        var s = sb.ToString().TrimEnd();
        return s.Length <= max ? s : s[..max];
    }

    public string TextBody()
    {
        var sb = new StringBuilder();
        foreach (var p in Paragraphs) sb.Append(p.Replace("\r\n", "\n", StringComparison.Ordinal)).Append("\n\n");
        if (Link is not null) sb.Append(Link.Text).Append('\n').Append(Link.Url).Append('\n');
        return sb.ToString().TrimEnd() + "\n";
    }

    /// <summary>Escapes &lt; &gt; &amp; quotes (and control characters) but keeps letters of every script readable in the source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public string HtmlBody()
    {
        var enc = Encoder;
        var sb = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">");
        foreach (var p in Paragraphs)
        {
            sb.Append("<p>");
            var lines = p.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0) sb.Append("<br>");
                sb.Append(enc.Encode(lines[i]));
            }
            sb.Append("</p>");
        }
        if (Link is not null) sb.Append("<p><a href=\"").Append(enc.Encode(Link.Url)).Append("\">").Append(enc.Encode(Link.Text)).Append("</a></p>");
        return sb.Append("</body></html>").ToString();
    }
}

/// <summary>A link at the end of a message; only http(s) URLs are accepted.</summary>
public sealed record EmailLink
{
    public EmailLink(string text, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("Only absolute http(s) links.", nameof(url));
        Text = text;
        Url = u.AbsoluteUri;
    }

    public string Text { get; }
    public string Url { get; }
}

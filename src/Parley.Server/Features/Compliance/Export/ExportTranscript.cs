using System.Globalization;
using System.Net;
using System.Text;
using Parley.Contracts;

namespace Parley.Server.Features.Compliance.Export;

/// <summary>
/// A readable transcript of one conversation for the export (<c>transcripts/&lt;id&gt;.html</c>): one self-contained page
/// with no script, every text HTML-encoded, earlier versions and files listed under each message. English or Chinese.
/// </summary>
public sealed class ExportTranscript
{
    private sealed record Labels(string Lang, string Title, string Range, string Edited, string Deleted, string Recalled, string Purged,
        string History, string Files, string Missing, string Direct, string Reply);

    private static readonly Labels En = new("en", "Conversation export", "Messages from {0} to {1} (UTC)", "edited", "deleted", "recalled",
        "removed by retention", "Earlier versions", "Files", "(file bytes no longer stored)", "Direct conversation", "reply in thread");

    private static readonly Labels Zh = new("zh-CN", "会话导出", "消息时间 {0} 至 {1}（UTC）", "已编辑", "已删除", "已撤回",
        "已按保留策略清除", "历史版本", "文件", "（文件内容已不再保存）", "单聊", "话题回复");

    private readonly Labels _l;
    private readonly StringBuilder _html = new();

    public ExportTranscript(string language, long conversationId, string? name, DateTimeOffset from, DateTimeOffset to)
    {
        _l = language == "zh-CN" ? Zh : En;
        var title = Encode(name ?? _l.Direct) + " (#" + conversationId.ToString(CultureInfo.InvariantCulture) + ")";
        _html.Append("<!doctype html>\n<html lang=\"").Append(_l.Lang).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(title).Append(" — ").Append(_l.Title).Append("</title><style>")
            .Append("body{font:15px/1.5 system-ui,sans-serif;max-width:860px;margin:24px auto;padding:0 16px;color:#1d1d1f}")
            .Append("article{border-top:1px solid #ddd;padding:8px 0}header{color:#555;font-size:13px}.text{white-space:pre-wrap;margin:4px 0}")
            .Append(".mark{color:#a15c00;font-size:12px;margin-left:6px}details,ul{font-size:13px;color:#444}")
            .Append("</style></head><body>\n<h1>").Append(title).Append("</h1>\n<p>")
            .Append(Encode(string.Format(CultureInfo.InvariantCulture, _l.Range, Stamp(from), Stamp(to)))).Append("</p>\n");
    }

    public void Add(ArchivedMessageDto m, string sender, IReadOnlyList<(long Id, string Name, string? Path)> files, bool purged)
    {
        _html.Append("<article id=\"m").Append(m.Id).Append("\"><header><strong>").Append(Encode(sender)).Append("</strong> <time datetime=\"")
            .Append(m.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append("\">").Append(Stamp(m.CreatedAt)).Append("</time>");
        if (m.ThreadRootId is { } root) _html.Append(" <a href=\"#m").Append(root).Append("\">").Append(_l.Reply).Append("</a>");
        if (purged) Mark(_l.Purged);
        else if (m.RecalledAt is not null) Mark(_l.Recalled);
        else if (m.DeletedAt is not null) Mark(_l.Deleted);
        else if (m.EditedAt is not null) Mark(_l.Edited);
        _html.Append("</header>");
        if (m.Text.Length > 0) _html.Append("<div class=\"text\">").Append(Encode(m.Text)).Append("</div>");
        if (m.History.Count > 0)
        {
            _html.Append("<details><summary>").Append(_l.History).Append("</summary><ol>");
            foreach (var v in m.History)
                _html.Append("<li><time>").Append(Stamp(v.At)).Append("</time> · ").Append(Encode(v.Reason)).Append(": <span class=\"text\">")
                    .Append(Encode(v.Text)).Append("</span></li>");
            _html.Append("</ol></details>");
        }
        if (files.Count > 0)
        {
            _html.Append("<ul aria-label=\"").Append(_l.Files).Append("\">");
            foreach (var (_, name, path) in files)
            {
                _html.Append("<li>");
                if (path is null) _html.Append(Encode(name)).Append(' ').Append(_l.Missing);
                else _html.Append("<a href=\"../").Append(Encode(path)).Append("\">").Append(Encode(name)).Append("</a>");
                _html.Append("</li>");
            }
            _html.Append("</ul>");
        }
        _html.Append("</article>\n");
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_html + "</body></html>\n");

    private void Mark(string what) => _html.Append("<span class=\"mark\">").Append(what).Append("</span>");

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}

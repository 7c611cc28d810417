using System.Text;

namespace Parley.Planner.Output;

/// <summary>An aligned plain-text or Markdown table: first column left-aligned, figures right-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public string ToPlainText()
    {
        var widths = Widths();
        var sb = new StringBuilder();
        AppendPlain(sb, headers, widths);
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            AppendPlain(sb, row, widths);
        }

        return sb.ToString();
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", headers.Select(Escape)) + " |");
        sb.AppendLine("|" + string.Join("|", headers.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in _rows)
        {
            sb.AppendLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        }

        return sb.ToString();
    }

    private int[] Widths() => headers
        .Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0)))
        .ToArray();

    private static void AppendPlain(StringBuilder sb, string[] cells, int[] widths)
    {
        var parts = widths.Select((w, i) =>
        {
            var cell = i < cells.Length ? cells[i] : "";
            return i == 0 ? cell.PadRight(w) : cell.PadLeft(w);
        });
        sb.AppendLine(string.Join("  ", parts).TrimEnd());
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}

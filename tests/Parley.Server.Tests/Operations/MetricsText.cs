using System.Globalization;

namespace Parley.Server.Tests.Operations;

/// <summary>Reads samples from the Prometheus text exposition format (enough for assertions: name, labels, value).</summary>
public sealed class MetricsText(string text)
{
    public string Text { get; } = text;

    /// <summary>Sum of the samples of <paramref name="name"/> whose label set contains every given label="value".</summary>
    public double Value(string name, params string[] labels)
    {
        double sum = 0;
        var found = false;
        foreach (var line in Text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var nameEnd = line.IndexOfAny(['{', ' ']);
            if (nameEnd < 0 || line[..nameEnd] != name) continue;
            var labelPart = line[nameEnd] == '{' ? line[(nameEnd + 1)..line.LastIndexOf('}')] : "";
            if (!labels.All(l => labelPart.Contains(l, StringComparison.Ordinal))) continue;
            var value = line[(line.LastIndexOf(' ') + 1)..];
            sum += double.Parse(value, CultureInfo.InvariantCulture);
            found = true;
        }
        return found ? sum : double.NaN;
    }

    public bool Has(string name) => Text.Split('\n').Any(l => l.StartsWith(name, StringComparison.Ordinal));
}

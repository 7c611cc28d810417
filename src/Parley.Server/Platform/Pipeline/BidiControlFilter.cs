namespace Parley.Server.Platform.Pipeline;

/// <summary>
/// Removes Unicode bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) from every
/// user-written text (issue 13): U+202E in "invoice‮fdp.exe" makes a name read backwards and hides what it is.
/// Right-to-left scripts display correctly without them (the Unicode bidi algorithm orders them); the implicit marks
/// U+200E/U+200F/U+061C, which cannot reorder a run on their own, are kept.
/// </summary>
public sealed class BidiControlFilter : ITextFilter
{
    public int Order => -500;
    public string Name => "bidi-controls";

    public bool Applies(TextKind kind) => true;

    public static bool IsControl(char ch) => ch is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public static string Strip(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOfAnyInRange('\u202A', '\u202E') < 0 && span.IndexOfAnyInRange('\u2066', '\u2069') < 0) return text;
        return string.Create(text.Length - text.Count(IsControl), text, (span, source) =>
        {
            var i = 0;
            foreach (var ch in source) if (!IsControl(ch)) span[i++] = ch;
        });
    }

    public ValueTask<TextVerdict> CheckAsync(TextCandidate candidate, CancellationToken cancellationToken)
    {
        var text = Strip(candidate.Text);
        return ValueTask.FromResult(ReferenceEquals(text, candidate.Text) ? TextVerdict.Accept : TextVerdict.Rewrite(text));
    }
}

using System.Globalization;
using System.Text;

namespace Parley.Server.Features.Files;

/// <summary>
/// Makes a client-supplied file name safe to store, show and send back in Content-Disposition:
/// no directories (path traversal), no control or bidi-format characters (an RTL override can make
/// "cod.exe" look like "exe.doc"), nothing Windows refuses, and a bounded length that keeps the extension.
/// </summary>
public static class FileNames
{
    private const string Fallback = "file";
    private static readonly string[] WindowsReserved = ["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"];

    public static string Sanitize(string? name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(name)) return Fallback;
        // Browsers send only the base name, old IE sent "C:\Users\…\x.txt": keep the last segment either way.
        var baseName = name.Split('/', '\\')[^1];
        var sb = new StringBuilder(baseName.Length);
        foreach (var rune in baseName.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                continue;
            if (rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*') { sb.Append('_'); continue; }
            sb.Append(Rune.IsWhiteSpace(rune) ? " " : rune.ToString());
        }
        // Leading dots hide files and ".." walks up; trailing dots and spaces are dropped by Windows.
        var clean = sb.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (clean.Length == 0) return Fallback;
        var stem = clean.Split('.')[0];
        if (WindowsReserved.Contains(stem, StringComparer.OrdinalIgnoreCase)) clean = "_" + clean;
        return Truncate(clean, maxLength);
    }

    /// <summary>Cuts the stem, not the extension, and never between the halves of a surrogate pair.</summary>
    private static string Truncate(string name, int maxLength)
    {
        if (name.Length <= maxLength) return name;
        var ext = Path.GetExtension(name);
        if (ext.Length > 16 || ext.Length >= maxLength / 2) ext = "";
        var stem = name[..^ext.Length];
        var keep = maxLength - ext.Length;
        if (keep > 0 && char.IsHighSurrogate(stem[keep - 1])) keep--;
        return stem[..keep].TrimEnd('.', ' ') + ext;
    }

    /// <summary>The extension without the dot, lower-case; empty when there is none.</summary>
    public static string Extension(string name) => Path.GetExtension(name).TrimStart('.').ToLowerInvariant();
}

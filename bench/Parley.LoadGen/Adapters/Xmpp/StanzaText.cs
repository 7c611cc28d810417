using System.Text;

namespace Parley.LoadGen.Adapters.Xmpp;

/// <summary>Byte-level look-ups on a stanza; the receive path never decodes a whole stanza.</summary>
internal static class StanzaText
{
    public static bool StartsWithTag(ReadOnlySpan<byte> stanza, ReadOnlySpan<byte> name) =>
        stanza.Length > name.Length + 1 && stanza[0] == (byte)'<' && stanza[1..].StartsWith(name) &&
        (stanza[name.Length + 1] is (byte)' ' or (byte)'>' or (byte)'/');

    /// <summary>Value of attribute <paramref name="name"/> of the outermost tag, quoted either way.</summary>
    public static ReadOnlySpan<byte> Attribute(ReadOnlySpan<byte> stanza, ReadOnlySpan<byte> name)
    {
        int tagEnd = stanza.IndexOf((byte)'>');
        var tag = tagEnd < 0 ? stanza : stanza[..tagEnd];
        int from = 0;
        while (true)
        {
            int i = tag[from..].IndexOf(name);
            if (i < 0) return default;
            i += from;
            int eq = i + name.Length;
            if (i > 0 && tag[i - 1] == (byte)' ' && eq + 1 < tag.Length && tag[eq] == (byte)'=')
            {
                byte q = tag[eq + 1];
                var rest = tag[(eq + 2)..];
                int close = rest.IndexOf(q);
                return close < 0 ? default : rest[..close];
            }
            from = i + 1;
        }
    }

    /// <summary>Text between &lt;name&gt; and &lt;/name&gt; (first occurrence), or empty.</summary>
    public static ReadOnlySpan<byte> ChildText(ReadOnlySpan<byte> stanza, ReadOnlySpan<byte> open, ReadOnlySpan<byte> close)
    {
        int a = stanza.IndexOf(open);
        if (a < 0) return default;
        var rest = stanza[(a + open.Length)..];
        int b = rest.IndexOf(close);
        return b < 0 ? default : rest[..b];
    }

    public static string Decode(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    /// <summary>Escapes text for element content and single-quoted attributes.</summary>
    public static string Escape(string s) =>
        s.AsSpan().IndexOfAny("<>&'\"") < 0
            ? s
            : s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("'", "&apos;").Replace("\"", "&quot;");
}

namespace Parley.LoadGen.Adapters.Xmpp;

public enum FrameKind { StreamOpen, Stanza, StreamClose }

/// <summary>
/// Splits an XMPP stream into top-level elements without building a DOM: it tracks only tag
/// boundaries, quotes and depth. That suffices because RFC 6120 §11.1 forbids comments,
/// processing instructions (other than the prolog) and DTDs in a stream, and servers
/// escape '&lt;' and '&gt;' in text and attributes. A frame is a slice of the internal buffer,
/// valid until the next call: the hot receive path reads it in place and allocates nothing.
/// </summary>
public sealed class XmlFramer
{
    private byte[] _buf = new byte[8192];
    private int _start;   // first unconsumed byte
    private int _end;     // one past the last received byte
    private int _pos;     // next byte to scan
    private int _depth;
    private bool _inTag;
    private byte _quote;
    private int _tagStart;
    private int _elemStart;

    /// <summary>Free space to receive into; grows (or compacts) the buffer when it is short.</summary>
    public Memory<byte> GetWriteMemory()
    {
        if (_buf.Length - _end < 2048)
        {
            int live = _end - _start;
            byte[] target = live + 4096 > _buf.Length ? new byte[Math.Max(_buf.Length * 2, live + 4096)] : _buf;
            Buffer.BlockCopy(_buf, _start, target, 0, live);
            _pos -= _start; _tagStart -= _start; _elemStart -= _start; _end = live; _start = 0;
            _buf = target;
        }
        return _buf.AsMemory(_end);
    }

    public void Advance(int received) => _end += received;

    public bool TryRead(out FrameKind kind, out ReadOnlyMemory<byte> frame)
    {
        while (_pos < _end)
        {
            byte b = _buf[_pos++];
            if (!_inTag)
            {
                if (b == (byte)'<') { _inTag = true; _tagStart = _pos - 1; }
                else if (_depth <= 1) _start = _pos; // whitespace keepalives between stanzas
                continue;
            }
            if (_quote != 0) { if (b == _quote) _quote = 0; continue; }
            if (b == (byte)'"' || b == (byte)'\'') { _quote = b; continue; }
            if (b != (byte)'>') continue;

            _inTag = false;
            byte first = _buf[_tagStart + 1];
            if (first == (byte)'?' || first == (byte)'!') { if (_depth <= 1) _start = _pos; continue; }
            if (first == (byte)'/')
            {
                _depth--;
                if (_depth == 1) return Emit(FrameKind.Stanza, _elemStart, out kind, out frame);
                if (_depth == 0) return Emit(FrameKind.StreamClose, _tagStart, out kind, out frame);
                continue;
            }
            if (_depth == 0)
            {
                // <stream:stream ...> opens the stream and is never closed by a matching '/>'.
                _depth = 1;
                return Emit(FrameKind.StreamOpen, _tagStart, out kind, out frame);
            }
            bool selfClosing = _buf[_pos - 2] == (byte)'/';
            if (_depth == 1) _elemStart = _tagStart;
            if (selfClosing)
            {
                if (_depth == 1) return Emit(FrameKind.Stanza, _elemStart, out kind, out frame);
            }
            else _depth++;
        }
        kind = default;
        frame = default;
        return false;
    }

    /// <summary>Forgets depth after a stream restart (RFC 6120 §4.3.3: after SASL success the stream starts anew).</summary>
    public void ResetStream()
    {
        _depth = 0;
        _inTag = false;
        _quote = 0;
        _start = _pos;
    }

    private bool Emit(FrameKind k, int from, out FrameKind kind, out ReadOnlyMemory<byte> frame)
    {
        kind = k;
        frame = _buf.AsMemory(from, _pos - from);
        _start = _pos;
        return true;
    }
}

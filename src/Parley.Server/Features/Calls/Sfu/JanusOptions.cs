namespace Parley.Server.Features.Calls.Sfu;

/// <summary>
/// Parley:Calls:Janus — the Janus video-room SFU for group calls. Unset <see cref="Url"/>: no SFU (calls larger than
/// the peer-to-peer limit are refused). See docs/operations.md "TURN and SFU".
/// </summary>
public sealed class JanusOptions
{
    public const string Section = "Parley:Calls:Janus";

    /// <summary>Janus's HTTP API as Parley reaches it, e.g. <c>http://10.0.0.5:8088/janus</c> (keep it off the internet).</summary>
    public string? Url { get; set; }

    /// <summary>The video-room plugin's <c>admin_key</c>: with it set in Janus, only holders of the key can create rooms.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Janus's API as browsers reach it (HTTP <c>https://sfu.example.com/janus</c>); default: <see cref="Url"/>.</summary>
    public string? ClientUrl { get; set; }

    /// <summary>Video codec of every room (Janus: vp8, vp9, h264, av1); every participant must be able to send it.</summary>
    public string VideoCodec { get; set; } = "vp8";

    /// <summary>Per-publisher video bitrate cap Janus asks the browser for (REMB), bits per second; 0: no cap.</summary>
    public int PublisherBitrate { get; set; } = 512_000;

    /// <summary>Time limit of one request to Janus.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool Configured => !string.IsNullOrWhiteSpace(Url);

    public string EffectiveClientUrl => string.IsNullOrWhiteSpace(ClientUrl) ? Url! : ClientUrl;

    /// <summary>The origin browsers fetch Janus's API from (added to the page's CSP connect-src); null without Janus.</summary>
    public string? ClientOrigin => Configured && Uri.TryCreate(EffectiveClientUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    internal static readonly string[] VideoCodecs = ["vp8", "vp9", "h264", "av1"];

    internal static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

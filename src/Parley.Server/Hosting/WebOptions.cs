using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Parley.Server.Hosting;

/// <summary>
/// The web client's page (Parley:Web). <see cref="FrameAncestors"/> is the CSP <c>frame-ancestors</c> source list: who
/// may show the client inside a frame. The default 'none' refuses every frame (clickjacking); an embedding portal is
/// listed by origin, e.g. <c>https://portal.example.com</c>.
/// </summary>
public sealed partial class WebOptions
{
    public const string Section = "Parley:Web";

    public string FrameAncestors { get; set; } = "'none'";

    /// <summary>The source list as sent: sources separated by single spaces.</summary>
    public string NormalizedFrameAncestors => string.Join(' ', Sources(FrameAncestors));

    internal static string[] Sources(string? value) => (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>'self', or an http(s) origin with an optional leading "*." on the host and an optional port; no path.</summary>
    [GeneratedRegex(@"^(?:'self'|https?://(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?)$")]
    internal static partial Regex Source();
}

/// <summary>
/// Fails start-up on a frame-ancestors value the browser would misread. Anything outside the grammar above is refused
/// (';' or ',' would start another directive or policy, a bare '*' or a scheme would let every site frame the client).
/// </summary>
public sealed class WebOptionsValidation : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions o)
    {
        var sources = WebOptions.Sources(o.FrameAncestors);
        if (sources is ["'none'"]) return ValidateOptionsResult.Success;
        if (sources.Length == 0)
            return ValidateOptionsResult.Fail("Parley:Web:FrameAncestors must not be empty: use 'none' (no framing, the default), 'self', or origins such as https://portal.example.com.");
        var bad = sources.Where(s => !WebOptions.Source().IsMatch(s)).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Parley:Web:FrameAncestors: {string.Join(", ", bad.Select(s => $"'{s}'"))} is not allowed. Valid: 'none' alone, or 'self' and http(s) origins (https://host[:port], https://*.host) separated by spaces.");
    }
}

using Microsoft.Extensions.Options;
using Parley.Server.Hosting;

namespace Parley.Server.Features.Embed;

/// <summary>Embedding Parley in other web applications (Parley:Embed; docs/integrations.md, "Embedding").</summary>
public sealed class EmbedOptions
{
    public const string Section = "Parley:Embed";

    /// <summary>
    /// Sources allowed to frame /embed besides the applications' own origins ('self' or http(s) origins separated by
    /// spaces, the grammar of Parley:Web:FrameAncestors). Empty: only the applications' origins.
    /// </summary>
    public string FrameAncestors { get; set; } = "";

    /// <summary>How long a token lives when the application asks for no shorter time (ttlSeconds); also the longest.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the session an embed page makes from its token lasts; the SDK asks getToken for a new token after it.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Token and session requests per client address per minute (both endpoints are reachable without a session).</summary>
    public int RequestsPerMinute { get; set; } = 600;

    internal string[] FrameAncestorSources => WebOptions.Sources(FrameAncestors);
}

public sealed class EmbedOptionsValidation : IValidateOptions<EmbedOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbedOptions o)
    {
        var errors = new List<string>();
        var bad = o.FrameAncestorSources.Where(s => !WebOptions.Source().IsMatch(s)).ToList();
        if (bad.Count > 0)
            errors.Add($"Parley:Embed:FrameAncestors: {string.Join(", ", bad.Select(s => $"'{s}'"))} is not allowed. Valid: 'self' and http(s) origins (https://host[:port], https://*.host) separated by spaces.");
        if (o.TokenLifetime < TimeSpan.FromSeconds(10) || o.TokenLifetime > TimeSpan.FromHours(1))
            errors.Add("Parley:Embed:TokenLifetime must be between 00:00:10 and 01:00:00: a token is meant to be used at once.");
        if (o.SessionLifetime < TimeSpan.FromMinutes(1) || o.SessionLifetime > TimeSpan.FromDays(30))
            errors.Add("Parley:Embed:SessionLifetime must be between 00:01:00 and 30.00:00:00.");
        if (o.RequestsPerMinute is < 1 or > 100_000) errors.Add("Parley:Embed:RequestsPerMinute must be between 1 and 100000.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

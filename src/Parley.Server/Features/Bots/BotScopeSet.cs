using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Bots;

/// <summary>A bot's scopes as stored (space-separated) and as asked for (validated against <see cref="BotScopes.All"/>).</summary>
public static class BotScopeSet
{
    public static IReadOnlyList<string> Parse(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? [] : stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The requested scopes, distinct and in the canonical order; an unknown one is a 400 naming the valid ones.</summary>
    public static string[] Validate(IReadOnlyList<string>? requested)
    {
        var asked = requested ?? [];
        foreach (var s in asked)
            if (!BotScopes.All.Contains(s))
                throw ParleyException.Invalid("scopes", $"Unknown scope '{s}'. Valid scopes: {string.Join(", ", BotScopes.All)}.");
        return [.. BotScopes.All.Where(asked.Contains)];
    }

    public static string Store(IEnumerable<string> scopes) => string.Join(' ', scopes);
}

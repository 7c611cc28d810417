using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Planner.Input;

namespace Parley.Planner.Pricing;

/// <summary>
/// The versioned reference price list. The shipped catalog is data (Catalog/catalog.json); a user catalog
/// merges over it by id, and every change is kept in <see cref="Overrides"/> so the report can show it.
/// </summary>
public sealed class PriceCatalog
{
    private const string DefaultResource = "Parley.Planner.Catalog.catalog.json";
    private readonly Dictionary<string, PriceEntry> _entries;

    private PriceCatalog(string version, Dictionary<string, PriceEntry> entries, IReadOnlyList<PriceOverride> overrides)
    {
        Version = version;
        _entries = entries;
        Overrides = overrides;
    }

    public string Version { get; }
    public IReadOnlyCollection<PriceEntry> Entries => _entries.Values;
    public IReadOnlyList<PriceOverride> Overrides { get; }

    public PriceEntry? Find(string id) => _entries.GetValueOrDefault(id);

    /// <summary>The catalog as served by <c>GET /api/v1/planner/catalog</c>: <c>{version, entries, overrides}</c>, snake_case.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new { version = Version, entries = Entries.OrderBy(e => e.Id, StringComparer.Ordinal).ToList(), overrides = Overrides },
        Output.PlannerJson.Options);

    // The shipped catalog is immutable (merging returns a new catalog), so it is parsed once per process.
    private static readonly Lazy<PriceCatalog> Shipped = new(LoadShipped);

    public static PriceCatalog LoadDefault() => Shipped.Value;

    private static PriceCatalog LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResource} is missing from the build");
        var node = JsonNode.Parse(stream) ?? throw new InvalidOperationException("the shipped catalog is empty");
        var errors = new List<PlanError>();
        var catalog = Parse(node, "", errors);
        return errors.Count == 0 && catalog is not null
            ? catalog
            : throw new InvalidOperationException("the shipped catalog is invalid: " + string.Join("; ", errors));
    }

    /// <summary>Parses a catalog document <c>{version, entries: [...]}</c>; problems are added to <paramref name="errors"/> with pointers.</summary>
    public static PriceCatalog? Parse(JsonNode node, string pointer, List<PlanError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (node is not JsonObject root)
        {
            errors.Add(new PlanError(pointer, "expected a catalog object {version, entries}"));
            return null;
        }

        var version = root["version"] is JsonValue v && v.TryGetValue(out string? s) ? s : "user";
        if (root["entries"] is not JsonArray array)
        {
            errors.Add(new PlanError(JsonPointer.Append(pointer, "entries"), "expected an array of price entries"));
            return null;
        }

        var entries = new Dictionary<string, PriceEntry>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var entry = ParseEntry(array[i], JsonPointer.Append(JsonPointer.Append(pointer, "entries"), i), errors);
            if (entry is not null)
            {
                entries[entry.Id] = entry;
            }
        }

        return new PriceCatalog(version, entries, []);
    }

    public static PriceCatalog? Parse(Stream stream, List<PlanError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            var node = JsonNode.Parse(stream);
            if (node is null)
            {
                errors.Add(new PlanError("", "the catalog is empty"));
                return null;
            }

            return Parse(node, "", errors);
        }
        catch (JsonException ex)
        {
            errors.Add(new PlanError("", $"the catalog is not valid JSON: {ex.Message}"));
            return null;
        }
    }

    /// <summary>Returns a new catalog where <paramref name="user"/> entries replace or extend this one's, recording each change.</summary>
    public PriceCatalog MergeWith(PriceCatalog? user)
    {
        if (user is null || user._entries.Count == 0)
        {
            return this;
        }

        var merged = new Dictionary<string, PriceEntry>(_entries, StringComparer.Ordinal);
        var overrides = new List<PriceOverride>(Overrides);
        foreach (var entry in user._entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            merged.TryGetValue(entry.Id, out var previous);
            overrides.Add(new PriceOverride(entry.Id, previous?.Price, previous?.Currency, entry.Price, entry.Currency, entry.SourceId, entry.AsOf));
            merged[entry.Id] = entry;
        }

        return new PriceCatalog($"{Version}+{user.Version}", merged, overrides);
    }

    private static PriceEntry? ParseEntry(JsonNode? node, string pointer, List<PlanError> errors)
    {
        if (node is not JsonObject o)
        {
            errors.Add(new PlanError(pointer, "expected a price entry object"));
            return null;
        }

        string? Text(string name, bool required)
        {
            if (o[name] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0)
            {
                return text;
            }

            if (required)
            {
                errors.Add(new PlanError(JsonPointer.Append(pointer, name), "expected a non-empty string"));
            }

            return null;
        }

        var id = Text("id", true);
        var currency = Text("currency", true);
        decimal? price = null;
        if (o["price"] is JsonValue p && NumberReader.TryRead(p, out var number) && number >= 0)
        {
            price = number;
        }
        else
        {
            errors.Add(new PlanError(JsonPointer.Append(pointer, "price"), "expected a number ≥ 0"));
        }

        if (id is null || currency is null || price is null)
        {
            return null;
        }

        return new PriceEntry(id, Text("vendor", false) ?? "", Text("item", false) ?? "", Text("unit", false) ?? "",
            price.Value, currency, Text("as_of", false) ?? "undated", Text("source_id", false) ?? "user", Text("confidence", false) ?? "user");
    }
}

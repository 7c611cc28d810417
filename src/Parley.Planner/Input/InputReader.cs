using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Planner.Pricing;

namespace Parley.Planner.Input;

/// <summary>
/// Typed reads from the input document. Every read knows its JSON pointer, records a precise error when the
/// value has the wrong type or range, and remembers which keys it consumed so unknown keys (usually typos)
/// can be reported as warnings instead of being silently ignored.
/// </summary>
internal sealed class InputReader(Diagnostics diagnostics, PriceCatalog catalog, DateOnly? valuationDate)
{
    private readonly ConditionalWeakTable<JsonObject, HashSet<string>> _consumed = new();

    public Diagnostics Diagnostics => diagnostics;
    public string ReportCurrency { get; set; } = "";
    public IReadOnlyDictionary<string, decimal> Fx { get; set; } = new Dictionary<string, decimal>();
    public List<PriceEntry> CatalogEntriesUsed { get; } = [];

    private JsonNode? Take(JsonObject? o, string name)
    {
        if (o is null)
        {
            return null;
        }

        _consumed.GetOrCreateValue(o).Add(name);
        return o.TryGetPropertyValue(name, out var node) ? node : null;
    }

    public void Consume(JsonObject o, string name) => Take(o, name);

    private static bool IsNull(JsonObject? o, string name) =>
        o is not null && o.TryGetPropertyValue(name, out var node) && node is null;

    public JsonObject? Object(JsonObject? parent, string name, string pointer, bool required = false)
    {
        var at = JsonPointer.Append(pointer, name);
        var node = Take(parent, name);
        if (node is JsonObject o)
        {
            return o;
        }

        if (node is not null || required)
        {
            diagnostics.Error(at, node is null ? "required object is missing" : $"expected an object, got {Describe(node)}");
        }

        return null;
    }

    public JsonArray? Array(JsonObject? parent, string name, string pointer, bool required = false)
    {
        var node = Take(parent, name);
        if (node is JsonArray a)
        {
            return a;
        }

        if (node is not null || required)
        {
            diagnostics.Error(JsonPointer.Append(pointer, name), node is null ? "required array is missing" : $"expected an array, got {Describe(node)}");
        }

        return null;
    }

    public decimal? Number(JsonObject? o, string name, string pointer, decimal? fallback = null, decimal? min = null, decimal? max = null,
        bool exclusiveMin = false, bool required = false)
    {
        var at = JsonPointer.Append(pointer, name);
        var node = Take(o, name);
        if (node is null)
        {
            if (required)
            {
                diagnostics.Error(at, $"required number is missing{Range(min, max, exclusiveMin)}");
            }

            return fallback;
        }

        if (!NumberReader.TryRead(node, out var value))
        {
            diagnostics.Error(at, $"expected a number{Range(min, max, exclusiveMin)}, got {Describe(node)}");
            return fallback;
        }

        if ((min is { } lo && (exclusiveMin ? value <= lo : value < lo)) || (max is { } hi && value > hi))
        {
            diagnostics.Error(at, $"expected a number{Range(min, max, exclusiveMin)}, got {Format(value)}");
            return fallback;
        }

        return value;
    }

    public int? Integer(JsonObject? o, string name, string pointer, int? fallback = null, int? min = null, int? max = null, bool required = false,
        bool nullable = false)
    {
        var at = JsonPointer.Append(pointer, name);
        if (nullable && IsNull(o, name))
        {
            Take(o, name);
            return null;
        }

        var node = Take(o, name);
        if (node is null)
        {
            if (required)
            {
                diagnostics.Error(at, $"required integer is missing{Range(min, max, false)}");
            }

            return fallback;
        }

        if (!NumberReader.TryRead(node, out var value) || value != decimal.Truncate(value) || value > int.MaxValue || value < int.MinValue)
        {
            diagnostics.Error(at, $"expected an integer{Range(min, max, false)}, got {Describe(node)}");
            return fallback;
        }

        var whole = (int)value;
        if ((min is { } lo && whole < lo) || (max is { } hi && whole > hi))
        {
            diagnostics.Error(at, $"expected an integer{Range(min, max, false)}, got {whole}");
            return fallback;
        }

        return whole;
    }

    public string? Text(JsonObject? o, string name, string pointer, string? fallback = null, bool required = false)
    {
        var node = Take(o, name);
        if (node is JsonValue v && v.TryGetValue(out string? text) && text.Length > 0)
        {
            return text;
        }

        if (node is not null || required)
        {
            diagnostics.Error(JsonPointer.Append(pointer, name), node is null ? "required string is missing" : $"expected a non-empty string, got {Describe(node)}");
        }

        return fallback;
    }

    public bool Flag(JsonObject? o, string name, string pointer, bool fallback)
    {
        var node = Take(o, name);
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValue<bool>();
        }

        diagnostics.Error(JsonPointer.Append(pointer, name), $"expected true or false, got {Describe(node)}");
        return fallback;
    }

    public string? Choice(JsonObject? o, string name, string pointer, string[] allowed, string? fallback = null, bool required = false)
    {
        var node = Take(o, name);
        var expected = "one of " + string.Join(", ", allowed.Select(a => "\"" + a + "\""));
        if (node is null)
        {
            if (required)
            {
                diagnostics.Error(JsonPointer.Append(pointer, name), $"required value is missing: expected {expected}");
            }

            return fallback;
        }

        if (node is JsonValue v && v.TryGetValue(out string? text) && allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        diagnostics.Error(JsonPointer.Append(pointer, name), $"expected {expected}, got {Describe(node)}");
        return fallback;
    }

    /// <summary>
    /// Reads a price written either as a number in <paramref name="currency"/> or as <c>{"catalog": "id"}</c>
    /// (a reference into the price catalog, in the entry's own currency), and converts it to the report currency.
    /// A sibling <c>name@src</c> provenance object is checked for staleness.
    /// </summary>
    public Price Money(JsonObject? o, string name, string pointer, string currency, decimal? fallback = null)
    {
        var at = JsonPointer.Append(pointer, name);
        var node = Take(o, name);
        CheckProvenance(o, name, pointer);
        if (node is null)
        {
            return new Price(fallback, at);
        }

        if (node is JsonObject reference)
        {
            return CatalogPrice(reference, at);
        }

        if (!NumberReader.TryRead(node, out var value) || value < 0)
        {
            diagnostics.Error(at, $"expected a price ≥ 0 (a number in {currency} or {{\"catalog\": \"<entry id>\"}}), got {Describe(node)}");
            return new Price(fallback, at);
        }

        return new Price(value * Rate(currency, at), at);
    }

    private Price CatalogPrice(JsonObject reference, string at)
    {
        var id = Text(reference, "catalog", at, required: true);
        WarnUnknown(reference, at);
        if (id is null)
        {
            return new Price(null, at);
        }

        var entry = catalog.Find(id);
        if (entry is null)
        {
            diagnostics.Error(JsonPointer.Append(at, "catalog"), $"unknown catalog entry \"{id}\" (catalog {catalog.Version})");
            return new Price(null, at);
        }

        if (!CatalogEntriesUsed.Contains(entry))
        {
            CatalogEntriesUsed.Add(entry);
        }

        if (valuationDate is { } today)
        {
            if (entry.AsOfDate is not { } asOf)
            {
                diagnostics.Warn("price_undated", $"price \"{entry.Id}\" ({entry.Vendor} {entry.Item}) is undated in its source [{entry.SourceId}]; verify it before relying on it",
                    ("priceId", entry.Id), ("vendor", entry.Vendor), ("item", entry.Item), ("sourceId", entry.SourceId));
            }
            else if (PriceDates.IsStale(asOf, today))
            {
                diagnostics.Warn("price_stale", $"price \"{entry.Id}\" ({entry.Vendor} {entry.Item}) is stale: as of {entry.AsOf}, more than {PriceDates.StaleAfterMonths} months before {today:yyyy-MM-dd}",
                    ("priceId", entry.Id), ("vendor", entry.Vendor), ("item", entry.Item), ("sourceId", entry.SourceId), ("asOf", entry.AsOf), ("months", PriceDates.StaleAfterMonths));
            }
        }

        return new Price(entry.Price * Rate(entry.Currency, JsonPointer.Append(at, "catalog")), at);
    }

    /// <summary>Report-currency units per unit of <paramref name="currency"/> (PLANNER.md §3.1, §3.6.1).</summary>
    public decimal Rate(string currency, string pointer)
    {
        if (string.Equals(currency, ReportCurrency, StringComparison.OrdinalIgnoreCase))
        {
            return 1m;
        }

        if (Fx.TryGetValue(currency, out var rate))
        {
            return rate;
        }

        diagnostics.Error("/meta/fx/" + currency, $"missing exchange rate: {pointer} is priced in {currency} but the report currency is {ReportCurrency}");
        return 0;
    }

    private void CheckProvenance(JsonObject? o, string name, string pointer)
    {
        var key = name + "@src";
        if (Take(o, key) is not JsonObject src || valuationDate is not { } today)
        {
            return;
        }

        var asOfText = src["as_of"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        if (PriceDates.TryParse(asOfText) is { } asOf && PriceDates.IsStale(asOf, today))
        {
            diagnostics.Warn("input_price_stale", $"price {JsonPointer.Append(pointer, name)} is stale: as of {asOfText}, more than {PriceDates.StaleAfterMonths} months before {today:yyyy-MM-dd}",
                ("field", JsonPointer.Append(pointer, name)), ("asOf", asOfText), ("months", PriceDates.StaleAfterMonths));
        }
    }

    /// <summary>Warns about keys of <paramref name="o"/> that no read consumed; call after reading the object.</summary>
    public void WarnUnknown(JsonObject? o, string pointer)
    {
        if (o is null)
        {
            return;
        }

        var consumed = _consumed.GetOrCreateValue(o);
        foreach (var key in o.Select(p => p.Key))
        {
            if (!consumed.Contains(key) && !key.EndsWith("@src", StringComparison.Ordinal))
            {
                diagnostics.Warn("unknown_field", $"unknown field {JsonPointer.Append(pointer, key)} was ignored", ("field", JsonPointer.Append(pointer, key)));
            }
        }
    }

    private static string Range(decimal? min, decimal? max, bool exclusiveMin) => (min, max) switch
    {
        ({ } lo, { } hi) => $" in [{Format(lo)}, {Format(hi)}]",
        ({ } lo, null) => exclusiveMin ? $" > {Format(lo)}" : $" ≥ {Format(lo)}",
        (null, { } hi) => $" ≤ {Format(hi)}",
        _ => "",
    };

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.ToJsonString(),
    };
}

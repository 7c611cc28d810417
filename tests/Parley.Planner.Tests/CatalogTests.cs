using System.Text.Json.Nodes;
using Parley.Planner.Input;
using Parley.Planner.Pricing;

namespace Parley.Planner.Tests;

public class CatalogTests
{
    private const string SlackFromCatalog = """
        { "id": "slack", "deployment_model": "saas", "currency": "USD",
          "license": { "model": "subscription_seat",
                       "subscription_seat": { "price_per_seat_month": { "catalog": "slack-pro-annual" } } } }
        """;

    [Fact]
    public void LoadDefault_EveryEntry_HasSourceDateCurrencyAndConfidence()
    {
        var catalog = PriceCatalog.LoadDefault();

        Assert.True(catalog.Entries.Count >= 50, "the shipped catalog should carry the PLANNER.md §2 reference figures");
        Assert.All(catalog.Entries, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.SourceId), e.Id + " has no source");
            Assert.False(string.IsNullOrEmpty(e.AsOf), e.Id + " has no date");
            Assert.Matches("^[A-Z]{3}$", e.Currency);
            Assert.Contains(e.Confidence, new[] { "A", "B", "C" });
        });
    }

    [Fact]
    public void LoadDefault_SlackProAnnual_IsTheSourcedFigure()
    {
        var slack = PriceCatalog.LoadDefault().Find("slack-pro-annual");

        Assert.NotNull(slack);
        Assert.Equal(7.25m, slack.Price);
        Assert.Equal("USD", slack.Currency);
        Assert.Equal("S-S1", slack.SourceId);
    }

    [Fact]
    public void Plan_CatalogReference_UsesTheCatalogPriceAndListsIt()
    {
        // 100 × 7.25 × 12 = 8,700.
        var result = TestScenario.Create(horizon: 1).WithOption(SlackFromCatalog).Run();

        Assert.Equal(8_700m, result.Options[0].Years[1].Components.License);
        Assert.Contains("slack-pro-annual", result.Catalog.EntriesUsed);
        Assert.Empty(result.Catalog.Overrides);
    }

    [Fact]
    public void Plan_UserCatalogOverride_ReplacesThePriceAndIsRecorded()
    {
        // Negotiated 6.00: 100 × 6 × 12 = 7,200.
        var errors = new List<PlanError>();
        var user = PriceCatalog.Parse(JsonNode.Parse("""
            { "version": "acme-2026", "entries": [ { "id": "slack-pro-annual", "price": 6, "currency": "USD", "source_id": "acme quote", "as_of": "2026-10-01" } ] }
            """)!, "", errors);

        var result = TestScenario.Create(horizon: 1).WithOption(SlackFromCatalog).Run(catalog: user);

        Assert.Empty(errors);
        Assert.Equal(7_200m, result.Options[0].Years[1].Components.License);
        var recorded = Assert.Single(result.Catalog.Overrides);
        Assert.Equal(("slack-pro-annual", 7.25m, 6m), (recorded.Id, recorded.ShippedPrice!.Value, recorded.Price));
        Assert.EndsWith("+acme-2026", result.Catalog.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_InlineCatalogInTheScenario_OverridesToo()
    {
        var scenario = TestScenario.Create(horizon: 1).WithOption(SlackFromCatalog);
        scenario.SetRoot("catalog", JsonNode.Parse("""{ "entries": [ { "id": "slack-pro-annual", "price": 5, "currency": "USD" } ] }"""));

        var result = scenario.Run();

        Assert.Equal(6_000m, result.Options[0].Years[1].Components.License);
        Assert.Single(result.Catalog.Overrides);
    }

    [Fact]
    public void Plan_UnknownCatalogId_IsAnErrorAtTheReference()
    {
        var errors = TestScenario.Create().WithOption("""
            { "id": "s", "deployment_model": "saas",
              "license": { "model": "subscription_seat", "subscription_seat": { "price_per_seat_month": { "catalog": "no-such-price" } } } }
            """).Errors();

        Assert.Contains(errors, e => e.Pointer == "/options/0/license/subscription_seat/price_per_seat_month/catalog");
    }

    [Fact]
    public void Parse_EntryWithoutPrice_ReportsThePointer()
    {
        var errors = new List<PlanError>();

        PriceCatalog.Parse(JsonNode.Parse("""{ "entries": [ { "id": "x", "currency": "USD" } ] }""")!, "", errors);

        Assert.Equal("/entries/0/price", Assert.Single(errors).Pointer);
    }

    [Fact]
    public void LoadDefault_CapacityProfile_IsMarkedAsPlaceholder()
    {
        var profile = CapacityProfile.LoadDefault();

        Assert.True(profile.Provenance.Placeholder);
        Assert.Contains("not measured", profile.Provenance.Note, StringComparison.Ordinal);
    }
}

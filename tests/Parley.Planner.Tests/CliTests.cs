using System.Text.Json;

namespace Parley.Planner.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parley-plan-").FullName;
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    private static string SamplePath => Path.Combine(AppContext.BaseDirectory, "Samples", "company-1000-cny.json");

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        _stdout.Dispose();
        _stderr.Dispose();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private int Run(string input, string format = "table", string? catalog = null, string? profile = null) =>
        PlannerCli.Run(input, catalog, profile, format, _stdout, _stderr);

    [Fact]
    public void Run_TableFormat_PrintsAlignedComponentsAndExitsZero()
    {
        var code = Run(SamplePath);

        Assert.Equal(PlannerCli.Success, code);
        var text = _stdout.ToString();
        Assert.Contains("Parley on-premises (parley-onprem, private_onprem)", text, StringComparison.Ordinal);
        Assert.Contains("Infra: hardware  220,000.00", text, StringComparison.Ordinal);
        Assert.Contains("Ranking by present value", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_JsonFormat_WritesSnakeCaseOutputSchema()
    {
        Assert.Equal(PlannerCli.Success, Run(SamplePath, "json"));

        using var document = JsonDocument.Parse(_stdout.ToString());
        var root = document.RootElement;
        Assert.Equal("CNY", root.GetProperty("report_currency").GetString());
        var year0 = root.GetProperty("options")[0].GetProperty("years")[0];
        Assert.Equal(220_000m, year0.GetProperty("components").GetProperty("infrastructure").GetProperty("hardware").GetDecimal());
        Assert.True(year0.TryGetProperty("cumulative_pv", out _));
        Assert.Equal(4, root.GetProperty("ranking").GetArrayLength());
        Assert.True(root.GetProperty("comparisons")[0].TryGetProperty("breakeven_year_fractional", out _));
    }

    [Fact]
    public void Run_CsvFormat_WritesOneRowPerOptionYear()
    {
        Assert.Equal(PlannerCli.Success, Run(SamplePath, "csv"));

        var lines = _stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("option_id,option_label,deployment_model,currency,year,headcount,license,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + (4 * 4), lines.Length); // header + 4 options × years 0..3
        Assert.StartsWith("parley-onprem,Parley on-premises,private_onprem,CNY,0,1000,0.00,0.00,0.00,0.00,220000.00,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MarkdownFormat_WritesTables()
    {
        Assert.Equal(PlannerCli.Success, Run(SamplePath, "md"));

        var text = _stdout.ToString();
        Assert.Contains("## Parley on cloud VMs", text, StringComparison.Ordinal);
        Assert.Contains("| Component | Y0 | Y1 | Y2 | Y3 | Total |", text, StringComparison.Ordinal);
        Assert.Contains("|---|---:|", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvalidInput_ExitsTwoAndListsEachPointer()
    {
        var input = Write("bad.json", """
            { "meta": { "report_currency": "USD", "horizon_years": 3 },
              "organization": { "headcount": 0 },
              "usage": {},
              "options": [ { "id": "a", "deployment_model": "saas" }, { "id": "b", "deployment_model": "saas", "license": { "model": "subscription_seat", "subscription_seat": {} } } ] }
            """);

        var code = Run(input);

        Assert.Equal(PlannerCli.InvalidInput, code);
        var errors = _stderr.ToString();
        Assert.Contains("/organization/headcount: expected an integer ≥ 1, got 0", errors, StringComparison.Ordinal);
        Assert.Contains("/options/1/license/subscription_seat/price_per_seat_month: missing price", errors, StringComparison.Ordinal);
        Assert.Equal("", _stdout.ToString());
    }

    [Fact]
    public void Run_MalformedJson_ExitsTwoWithTheLine()
    {
        var code = Run(Write("broken.json", "{\n  \"meta\": \n"));

        Assert.Equal(PlannerCli.InvalidInput, code);
        Assert.Contains("not valid JSON (line", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingInputFile_ExitsOne()
    {
        var code = Run(Path.Combine(_folder, "nope.json"));

        Assert.Equal(PlannerCli.UnreadableFile, code);
        Assert.Contains("cannot read --input file", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownFormat_ExitsTwo()
    {
        Assert.Equal(PlannerCli.InvalidInput, Run(SamplePath, "xml"));
        Assert.Contains("unknown --format", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CatalogFile_OverridesPricesAndTheReportSaysSo()
    {
        var catalog = Write("catalog.json", """
            { "version": "acme", "entries": [ { "id": "slack-pro-annual", "price": 6.5, "currency": "USD", "source_id": "acme quote", "as_of": "2026-11-01" } ] }
            """);

        Assert.Equal(PlannerCli.Success, Run(SamplePath, "table", catalog));

        Assert.Contains("override slack-pro-annual: 6.5 USD (shipped 7.25 USD", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvalidCatalogFile_ExitsTwoWithPointer()
    {
        var catalog = Write("catalog.json", """{ "entries": [ { "id": "x", "price": -1, "currency": "USD" } ] }""");

        Assert.Equal(PlannerCli.InvalidInput, Run(SamplePath, "table", catalog));
        Assert.Contains("/entries/0/price", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MeasuredCapacityProfile_IsNamedInTheReport()
    {
        var profile = Write("capacity-profile.json", """
            { "conn_per_vcpu": 4000, "deliveries_per_vcpu_sec": 8000, "mem_kb_per_conn": 50, "base_mem_gb": 1, "stored_bytes_per_message": 1200,
              "provenance": { "run_id": "run-42", "machine": "2 vCPU CI runner", "commit": "deadbeef", "date": "2026-11-29" } }
            """);

        Assert.Equal(PlannerCli.Success, Run(SamplePath, "table", profile: profile));

        var text = _stdout.ToString();
        Assert.Contains("Capacity profile: run run-42 on 2 vCPU CI runner, commit deadbeef, 2026-11-29", text, StringComparison.Ordinal);
        Assert.DoesNotContain("placeholder profile", text, StringComparison.Ordinal);
    }
}

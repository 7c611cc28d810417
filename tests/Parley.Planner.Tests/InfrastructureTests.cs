namespace Parley.Planner.Tests;

public class InfrastructureTests
{
    [Fact]
    public void Plan_FixedInstances_PriceHourlyAndMonthlyInstances()
    {
        // 2 × 0.096 × 8,760 = 1,681.92 plus 1 × 70 × 12 = 840 → 2,521.92 per year.
        var result = TestScenario.Create(horizon: 1).WithOption("""
            { "id": "vm", "deployment_model": "private_cloud_iaas",
              "infrastructure": { "compute": { "sizing": "fixed", "instances": [
                  { "type": "m5.large", "count": 2, "price_per_hour": 0.096 },
                  { "type": "db", "count": 1, "price_per_month": 70 } ] } } }
            """).Run();

        Assert.Equal(2_521.92m, result.Options[0].Years[1].Components.Infrastructure.Compute);
    }

    [Fact]
    public void Plan_ObjectStorage_SumsMonthEndBalances()
    {
        // §3.5.5: 100 seats × 10 MB / 1,000 = 1 GB added per month; GB-months 78, 222, 366 → × 0.1 = 7.8, 22.2, 36.6.
        var scenario = TestScenario.Create(headcount: 100).WithOption("""
            { "id": "vm", "deployment_model": "cloud_paas", "infrastructure": { "object_storage": { "price_gb_month": 0.1 } } }
            """);
        scenario.Set("usage", "messages_per_user_per_day", 0);

        var result = scenario.Run();

        Assert.Equal([0m, 7.8m, 22.2m, 36.6m], TestScenario.Line(result, y => y.Components.Infrastructure.Storage));
        Assert.Equal([12m, 24m, 36m], result.Options[0].Capacity.StorageGbEndOfYear);
    }

    [Fact]
    public void Plan_FileRetention_CapsTheBalance()
    {
        // Retention 12 months: year 1 = 1 + … + 12 = 78; year 2 = 12 × 12 = 144 GB-months.
        var scenario = TestScenario.Create(headcount: 100, horizon: 2).WithOption("""
            { "id": "vm", "deployment_model": "cloud_paas", "infrastructure": { "object_storage": { "price_gb_month": 1 } } }
            """);
        scenario.Set("usage", "messages_per_user_per_day", 0).Set("usage", "file_retention_months", 12);

        Assert.Equal([0m, 78m, 144m], TestScenario.Line(scenario.Run(), y => y.Components.Infrastructure.Storage));
    }

    [Fact]
    public void Plan_MessageStorageUsedBasis_GrowsByMessagesWritten()
    {
        // §3.6.5: 100 × 0.8 × 50 × (730/24) × 1,500 / 10⁹ = 0.1825 GB per month; year 1 = 0.1825 × 78 = 14.235 GB-months
        // × 0.08 = 1.1388.
        var scenario = TestScenario.Create(headcount: 100, horizon: 1).WithOption("""
            { "id": "vm", "deployment_model": "private_cloud_iaas",
              "infrastructure": { "compute": { "sizing": "fixed", "instances": [] },
                                  "block_storage": { "basis": "used", "price_gb_month": 0.08 } } }
            """);
        scenario.Set("usage", "stored_bytes_per_message", 1500);

        Assert.Equal(1.1388m, Math.Round(scenario.Run().Options[0].Years[1].Components.Infrastructure.Storage, 10));
    }

    [Fact]
    public void Plan_MessageRetention_CapsMessageStorage()
    {
        // 0.1825 GB per month (as above) kept for 6 months: year 1 balances 1..6, then 6 × 6 → (21 + 36) × 0.1825 = 10.4025 GB-months;
        // year 2 is 12 × 6 × 0.1825 = 13.14. End-of-year stored GB = 6 × 0.1825 = 1.095 plus files (none here).
        var scenario = TestScenario.Create(headcount: 100, horizon: 2).WithOption("""
            { "id": "vm", "deployment_model": "private_cloud_iaas",
              "infrastructure": { "compute": { "sizing": "fixed", "instances": [] },
                                  "block_storage": { "basis": "used", "price_gb_month": 1 } } }
            """);
        scenario.Set("usage", "message_retention_months", 6).Set("usage", "file_mb_per_user_month", 0);

        var result = scenario.Run();

        Assert.Equal([0m, 10.4025m, 13.14m], TestScenario.Line(result, y => y.Components.Infrastructure.Storage).Select(v => Math.Round(v, 10)));
        Assert.Equal([1.095m, 1.095m], result.Options[0].Capacity.StorageGbEndOfYear.Select(v => Math.Round(v, 10)));
    }

    [Fact]
    public void Plan_ProvisionedBlockStorage_BillsTheProvisionedSize()
    {
        // 500 GB × 0.08 × 12 = 480.
        var result = TestScenario.Create(horizon: 1).WithOption("""
            { "id": "vm", "deployment_model": "private_cloud_iaas",
              "infrastructure": { "compute": { "sizing": "fixed", "instances": [] },
                                  "block_storage": { "gb": 500, "price_gb_month": 0.08 } } }
            """).Run();

        Assert.Equal(480m, result.Options[0].Years[1].Components.Infrastructure.Storage);
    }

    [Fact]
    public void Plan_Egress_ChargesOnlyAboveTheFreeAllowance()
    {
        // §3.5.6: 1,000 × 0.05 = 50 GB/month; (50 − 10) × 0.09 × 12 = 43.2.
        var result = TestScenario.Create(headcount: 1000, horizon: 1).WithOption("""
            { "id": "vm", "deployment_model": "cloud_paas", "infrastructure": { "egress": { "price_gb": 0.09, "free_gb_month": 10 } } }
            """).Run();

        Assert.Equal(43.2m, result.Options[0].Years[1].Components.Infrastructure.Network);
    }

    [Fact]
    public void Plan_EgressWithinFreeAllowance_DoesNotNeedAPrice()
    {
        var result = TestScenario.Create(headcount: 1000, horizon: 1).WithOption("""
            { "id": "vm", "deployment_model": "cloud_paas", "infrastructure": { "egress": { "free_gb_month": 100 } } }
            """).Run();

        Assert.Equal(0m, result.Options[0].Years[1].Components.Infrastructure.Network);
    }

    [Fact]
    public void Plan_SelfHostedSfu_AddsMediaToEgressAndPricesTheSfu()
    {
        // §3.6.6: 100 × 60 audio min × 48 kbps × 60 / 8 / 10⁶ = 2.16 GB plus 100 × 0.05 = 5 GB → 7.16 × 0.1 × 12 = 8.592.
        // SFU: 1 × 50 × 12 = 600.
        var scenario = TestScenario.Create(headcount: 100, horizon: 1).WithOption("""
            { "id": "vm", "deployment_model": "cloud_paas",
              "rtc": { "mode": "self_hosted_sfu", "sfu_instances": [ { "count": 1, "price_per_month": 50 } ] },
              "infrastructure": { "egress": { "price_gb": 0.1 } } }
            """);
        scenario.Set("usage", "calls", new System.Text.Json.Nodes.JsonObject { ["audio_min_per_user_month"] = 60 });

        var infra = scenario.Run().Options[0].Years[1].Components.Infrastructure;

        Assert.Equal(8.592m, infra.Network);
        Assert.Equal(600m, infra.Rtc);
    }

    [Fact]
    public void Plan_CloudMinutes_DeductFreeMinutesAudioFirst()
    {
        // 100 users × 100 audio min = 10,000; × 50 HD min = 5,000. Free 12,000: audio 10,000 then 2,000 HD.
        // Billable HD 3,000 × 3.99 / 1,000 = 11.97 per month → 143.64 per year.
        var scenario = TestScenario.Create(headcount: 100, horizon: 1).WithOption("""
            { "id": "rtc", "deployment_model": "cloud_paas",
              "rtc": { "mode": "cloud_minutes", "price_per_1000_min": { "hd": 3.99 }, "free_minutes_month": 12000 } }
            """);
        scenario.Set("usage", "calls", System.Text.Json.Nodes.JsonNode.Parse("""{ "audio_min_per_user_month": 100, "video_min_per_user_month": { "hd": 50 } }"""));

        Assert.Equal(143.64m, scenario.Run().Options[0].Years[1].Components.Infrastructure.Rtc);
    }

    [Fact]
    public void Plan_Power_IsWattsTimesPueTimesHoursTimesPrice()
    {
        // §3.5.7: 2 × 400 W × 1.5 × 8,760 / 1,000 = 10,512 kWh × 0.12 = 1,261.44; plus 1 rack × 300 × 12 = 3,600.
        var result = TestScenario.Create(horizon: 1).WithOption("""
            { "id": "own", "deployment_model": "private_onprem",
              "infrastructure": { "hardware": { "servers": [ { "qty": 2, "unit_price": 10000, "watts_avg": 400 } ] },
                                  "facility": { "pue": 1.5, "electricity_price_kwh": 0.12, "racks": 1, "rack_price_month": 300 } } }
            """).Run();

        Assert.Equal(4_861.44m, result.Options[0].Years[1].Components.Infrastructure.Facility);
    }

    [Fact]
    public void Plan_HardwareRefreshWarrantyAndResidual_FollowTheBatchSchedule()
    {
        // 2 × 10,000 = 20,000 per batch, life 3, H = 5: batches at y0 and y3.
        // Extended warranty 10% in p + 1 < y ≤ p + 3: batch 0 → y2, y3; batch 3 → y5 (y6 is past H).
        // Residual at y5: batch 3 is 2 years old → 20,000 × (3 − 2) / 3 = 6,666.67 credited.
        // y0 20,000; y1 0; y2 2,000; y3 20,000 + 2,000; y4 0; y5 2,000 − 6,666.67.
        var result = TestScenario.Create(horizon: 5).WithOption("""
            { "id": "own", "deployment_model": "private_onprem",
              "infrastructure": {
                "hardware": { "servers": [ { "qty": 2, "unit_price": 10000, "life_years": 3, "watts_avg": 0 } ],
                              "warranty_included_years": 1, "extended_warranty_rate": 0.1,
                              "refresh": true, "residual_method": "straight_line" },
                "facility": { "electricity_price_kwh": 0.1 } } }
            """).Run();

        var hardware = TestScenario.Line(result, y => y.Components.Infrastructure.Hardware).Select(v => Math.Round(v, 2));
        Assert.Equal([20_000m, 0m, 2_000m, 22_000m, 0m, -4_666.67m], hardware);
    }

    [Fact]
    public void Plan_HardwareWithoutRefresh_KeepsOneBatchAndNoResidualPastItsLife()
    {
        // No refresh, life 3, H = 5: only the y0 purchase; residual at y5 = max(0, …) → none; no warranty (rate 0).
        var result = TestScenario.Create(horizon: 5).WithOption("""
            { "id": "own", "deployment_model": "private_onprem",
              "infrastructure": {
                "hardware": { "servers": [ { "qty": 1, "unit_price": 9000, "life_years": 3, "watts_avg": 0 } ],
                              "extended_warranty_rate": 0, "refresh": false, "residual_method": "straight_line" },
                "facility": { "electricity_price_kwh": 0.1 } } }
            """).Run();

        Assert.Equal([9_000m, 0m, 0m, 0m, 0m, 0m], TestScenario.Line(result, y => y.Components.Infrastructure.Hardware));
    }

    [Fact]
    public void Plan_OnPremWithoutFacility_IsAnErrorBecausePowerIsUnpriced()
    {
        var errors = TestScenario.Create().WithOption("""
            { "id": "own", "deployment_model": "private_onprem",
              "infrastructure": { "hardware": { "servers": [ { "qty": 1, "unit_price": 9000, "watts_avg": 300 } ], "extended_warranty_rate": 0 } } }
            """).Errors();

        Assert.Contains(errors, e => e.Pointer == "/options/0/infrastructure/facility");
    }
}

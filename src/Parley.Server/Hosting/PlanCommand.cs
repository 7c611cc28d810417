using System.CommandLine;
using Parley.Planner;
using Parley.Server.Features.Planner;

namespace Parley.Server.Hosting;

public static class PlanCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Scenario JSON file (see docs/cost-model.md).", Required = true };
        var catalog = new Option<string?>("--catalog") { Description = "Price catalog overrides (JSON), merged by id; recorded in the report." };
        var profile = new Option<string?>("--capacity-profile") { Description = "Capacity profile JSON (default: the measured one built in)." };
        var format = new Option<string>("--format") { Description = "table, json, csv or md.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv", "md");
        var cmd = new Command("plan", "Computes deployment cost over the lifecycle for a scenario; needs no server or database.") { input, catalog, profile, format };
        cmd.SetAction(parse => PlannerCli.Run(parse.GetValue(input)!, parse.GetValue(catalog),
            CapacityProfileSource.PathForCli(parse.GetValue(profile)), parse.GetValue(format)!, Console.Out, Console.Error));
        return cmd;
    }
}

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>The `parley` verbs as an operator runs them: the real binary, exit codes and messages.</summary>
[Collection("processes")]
public class CliTests
{
    private static Task<(int Exit, string Out, string Err)> Parley(params string[] args) => ParleyCommand.RunAsync(args);

    [Fact]
    public async Task Help_ListsVerbs_AndEachVerbHasHelp()
    {
        var (exit, output, _) = await Parley("--help");
        Assert.Equal(0, exit);
        foreach (var verb in new[] { "serve", "user", "migrate", "plan" }) Assert.Contains(verb, output);
        var (userExit, userHelp, _) = await Parley("user", "add", "--help");
        Assert.Equal(0, userExit);
        Assert.Contains("--username", userHelp);
    }

    [Fact]
    public async Task UserAdd_ThenList_ThenDuplicateFailsWithClearMessage()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", "cli-" + Guid.NewGuid().ToString("N"));
        await using var database = await TestDatabase.CreateAsync(data);
        Task<(int Exit, string Out, string Err)> Parley(params string[] args) => ParleyCommand.RunAsync(database, args);
        var (exit, output, err) = await Parley("user", "add", "--username", "alice", "--password", "Tq7mz9-cli-k2pb", "--admin", "--data", data);
        Assert.True(exit == 0, err);
        Assert.Contains("alice", output);
        var (listExit, list, _) = await Parley("user", "list", "--data", data);
        Assert.Equal(0, listExit);
        Assert.Contains("admin", list);
        var (dupExit, _, dupErr) = await Parley("user", "add", "--username", "alice", "--password", "Tq7mz9-cli-k2pb", "--data", data);
        Assert.Equal(2, dupExit);
        Assert.Contains("taken", dupErr);
        var (weakExit, _, weakErr) = await Parley("user", "add", "--username", "bob", "--password", "short", "--data", data);
        Assert.Equal(2, weakExit);
        Assert.Contains("at least 8", weakErr);
        var (migrateExit, migrated, _) = await Parley("migrate", "--data", data);
        Assert.Equal(0, migrateExit);
        Assert.Contains("up to date", migrated);
    }

    [Fact]
    public async Task MissingRequiredOption_NonZeroExit()
    {
        var (exit, _, err) = await Parley("user", "add", "--username", "x");
        Assert.NotEqual(0, exit);
        Assert.Contains("--password", err);
    }

    [Fact]
    public async Task Plan_Sample_PrintsTable_InvalidInputExits2WithPointers()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "planner-sample.json");
        await File.WriteAllTextAsync(sample, global::Parley.Planner.Samples.PlannerSamples.Load("company-1000-cny")!.ToJsonString());
        var (exit, output, err) = await Parley("plan", "--input", sample, "--format", "csv");
        Assert.True(exit == 0, err);
        Assert.Contains(",", output);
        var bad = Path.Combine(AppContext.BaseDirectory, "planner-bad.json");
        await File.WriteAllTextAsync(bad, "{\"meta\": 1}");
        var (badExit, _, badErr) = await Parley("plan", "--input", bad);
        Assert.Equal(2, badExit);
        Assert.Contains("/options", badErr);
    }
}

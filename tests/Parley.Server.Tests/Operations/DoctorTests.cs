using Dapper;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Operations;

/// <summary>`parley doctor` as an operator runs it: exit 0 with every check listed, exit 1 naming each problem.</summary>
public class DoctorTests
{
    private static async Task<TestDatabase> MigratedAsync(string dir)
    {
        var db = await TestDatabase.CreateAsync(dir);
        var migrate = await ParleyCommand.RunAsync(db, "migrate", "--data", dir);
        Assert.True(migrate.Exit == 0, migrate.Err);
        return db;
    }

    private static string NewDir() => Path.Combine(Path.GetTempPath(), "parley-tests", "doctor-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Doctor_OnAHealthyDataFolder_ListsEveryCheck_ExitZero()
    {
        var dir = NewDir();
        await using var db = await MigratedAsync(dir);
        var r = await ParleyCommand.RunAsync(db, "doctor", "--data", dir);
        Assert.True(r.Exit == 0, r.Out + r.Err);
        foreach (var check in new[] { "configuration", "data folder", "disk", "schema" })
            Assert.Contains(check, r.Out, StringComparison.Ordinal);
        Assert.Contains($"at schema {Migrations.Latest}, as this binary expects", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_SchemaNewerThanTheBinary_AndInvalidConfiguration_ExitOneNamingBoth()
    {
        var dir = NewDir();
        await using var db = await MigratedAsync(dir);
        await using (var c = await db.OpenDirectAsync())
            await c.ExecuteAsync("INSERT INTO schema_version(version, name, applied_at) VALUES (@v, 'from the future', 0)", new { v = Migrations.Latest + 1 });
        var r = await ParleyCommand.RunAsync(db, "doctor", "--data", dir, "--Parley:Metrics:AllowedNetworks:0=not-a-network");
        Assert.Equal(1, r.Exit);
        Assert.Contains($"at schema {Migrations.Latest + 1} is newer than this binary", r.Out, StringComparison.Ordinal);
        Assert.Contains("'not-a-network' is not a CIDR range", r.Out, StringComparison.Ordinal);
        Assert.Contains("2 problem(s) found", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_UnreachableRedis_Fails()
    {
        var dir = NewDir();
        await using var db = await MigratedAsync(dir);
        var r = await ParleyCommand.RunAsync(db, "doctor", "--data", dir, "--ConnectionStrings:Redis=127.0.0.1:1,connectTimeout=500");
        Assert.Equal(1, r.Exit);
        Assert.Contains("FAIL  redis", r.Out, StringComparison.Ordinal);
    }
}

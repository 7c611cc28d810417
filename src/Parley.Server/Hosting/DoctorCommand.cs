using System.CommandLine;
using Parley.Server.Operations.Doctor;

namespace Parley.Server.Hosting;

/// <summary>`parley doctor [--data DIR]`: checks before an upgrade; exit 0 when nothing failed (warnings allowed), 1 otherwise.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var data = ParleyCli.DataOption();
        var cmd = new Command("doctor", "Checks configuration, data folder, disk space, schema version and dependencies (database, Redis, S3) without changing anything.") { data };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<CheckResult> results;
            try
            {
                await using var app = ParleyCli.CreateHost([.. parse.UnmatchedTokens], parse.GetValue(data));
                results = await DoctorChecks.RunAsync(app.Services, ct);
            }
            catch (InvalidOperationException ex)
            {
                results = [new(CheckStatus.Fail, "configuration", ex.Message)];
            }
            Console.WriteLine($"Parley {Operations.Version.Current} doctor");
            foreach (var r in results)
                Console.WriteLine($"  {Label(r.Status)}  {r.Name,-14} {r.Detail}");
            var failed = results.Count(r => r.Status == CheckStatus.Fail);
            var warned = results.Count(r => r.Status == CheckStatus.Warn);
            Console.WriteLine(failed > 0 ? $"{failed} problem(s) found; fix them before starting or upgrading." : warned > 0 ? $"No problems; {warned} warning(s)." : "No problems.");
            return failed > 0 ? 1 : 0;
        });
        return cmd;
    }

    private static string Label(CheckStatus s) => s switch { CheckStatus.Ok => "ok  ", CheckStatus.Warn => "WARN", _ => "FAIL" };
}

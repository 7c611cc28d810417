using System.CommandLine;
using Parley.Server.Storage;

namespace Parley.Server.Hosting;

public static class MigrateCommand
{
    public static Command Create()
    {
        var data = ParleyCli.DataOption();
        var cmd = new Command("migrate", "Applies pending schema migrations (safe to re-run). Configuration overrides such as --ConnectionStrings:Parley=… are accepted.") { data };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(async (parse, ct) =>
        {
            try
            {
                await using var app = ParleyCli.CreateHost([.. parse.UnmatchedTokens], parse.GetValue(data));
                var database = app.Services.GetRequiredService<Database>();
                var applied = Startup.PrepareDatabase(app.Services);
                Console.WriteLine(applied.Count == 0
                    ? $"Schema is up to date (version {Migrations.Latest}) in {database.Description}."
                    : $"Applied {applied.Count} migration(s) to {database.Description}: {string.Join("; ", applied)}.");
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync("parley migrate: " + ex.Message);
                return 1;
            }
        });
        return cmd;
    }
}

using System.CommandLine;
using Parley.Server.Storage;

namespace Parley.Server.Hosting;

/// <summary>
/// The `parley` command line. With no verb (or only server options such as --urls) it serves;
/// otherwise it runs a verb against the same configuration and data folder and exits.
/// Exit codes: 0 success, 1 failure, 2 invalid usage or input.
/// </summary>
public static class ParleyCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not ("--help" or "--version"))
            return await ServeCommand.ServeAsync(args);

        var root = new RootCommand("Parley: self-hosted enterprise messaging. Run with no verb to serve on http://localhost:5080 with state under ./data.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(UserCommands.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(BackupCommands.Backup());
        root.Subcommands.Add(BackupCommands.Restore());
        root.Subcommands.Add(DoctorCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>--data for every verb: the folder of the embedded database and files.</summary>
    public static Option<string?> DataOption() => new("--data")
    {
        Description = "Data folder (default ./data, or Parley:Storage:DataDirectory).",
    };

    /// <summary>Builds the server's host without starting it or touching the database, for verbs that use its services.</summary>
    public static WebApplication CreateHost(string[] args, string? dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ServeCommand.TranslateArgs(args, dataDirectory), ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddParley();
        return builder.Build();
    }

    /// <summary>The host with the database migrated, ready for verbs that read or write.</summary>
    public static WebApplication BuildHost(string[] args, string? dataDirectory)
    {
        var app = CreateHost(args, dataDirectory);
        Startup.PrepareDatabase(app.Services);
        return app;
    }

    /// <summary>Runs a verb's work with the writer running; stops it cleanly after.</summary>
    public static Task<int> WithServicesAsync(string? dataDirectory, Func<IServiceProvider, Task<int>> work) =>
        WithServicesAsync([], dataDirectory, work);

    /// <summary>The same, with configuration overrides (`--Parley:Section:Key=value`), e.g. for a benchmark's A/B runs.</summary>
    public static async Task<int> WithServicesAsync(string[] args, string? dataDirectory, Func<IServiceProvider, Task<int>> work)
    {
        await using var app = BuildHost(args, dataDirectory);
        var writer = app.Services.GetRequiredService<WriteQueue>();
        await writer.StartAsync(CancellationToken.None);
        try
        {
            return await work(app.Services);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }
}

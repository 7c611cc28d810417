using System.CommandLine;

namespace Parley.Server.Hosting;

public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on (default http://localhost:5080)." };
        var data = ParleyCli.DataOption();
        var cmd = new Command("serve", "Runs the server (the default when no verb is given).") { urls, data };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction((parse, ct) =>
        {
            List<string> rest = [];
            if (parse.GetValue(urls) is { } u) rest.AddRange(["--urls", u]);
            if (parse.GetValue(data) is { } d) rest.AddRange(["--data", d]);
            rest.AddRange(parse.UnmatchedTokens);
            return ServeAsync([.. rest]);
        });
        return cmd;
    }

    /// <summary>Serves; <paramref name="configure"/> lets a host add services through the public seams (used by tests/Parley.TestHost).</summary>
    public static async Task<int> ServeAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = TranslateArgs(args, null), ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://localhost:5080");
        WebApplication app;
        try
        {
            builder.AddParleyLogging();
            builder.AddParley();
            configure?.Invoke(builder);
            app = builder.Build();
            Startup.PrepareDatabase(app.Services);
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync("parley: " + ex.Message);
            return 1;
        }
        app.MapParley();
        LoggingSetup.PrintBannerWhenStarted(app);
        await app.RunAsync();
        return 0;
    }

    /// <summary>Turns `--data DIR` into the configuration key, so every other source can set it too.</summary>
    internal static string[] TranslateArgs(string[] args, string? dataDirectory)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data" && i + 1 < args.Length) { dataDirectory = args[++i]; continue; }
            if (args[i].StartsWith("--data=", StringComparison.Ordinal)) { dataDirectory = args[i]["--data=".Length..]; continue; }
            result.Add(args[i]);
        }
        if (dataDirectory is not null) result.Add($"--Parley:Storage:DataDirectory={dataDirectory}");
        return [.. result];
    }
}

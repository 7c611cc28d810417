using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Parley.Server.Features.Files;
using Parley.Server.Storage;

namespace Parley.Server.Hosting;

/// <summary>
/// Parley:Logging:Format = auto (default) | text | json. Auto writes human-readable single lines when standard output
/// is a terminal (someone is watching) and JSON lines otherwise (systemd, Docker, a pipe: a collector parses them).
/// Levels per category stay in the standard Logging:LogLevel section.
/// </summary>
public static class LoggingSetup
{
    public const string FormatKey = "Parley:Logging:Format";
    public static readonly string[] Formats = ["auto", "text", "json"];

    public static bool Interactive => !Console.IsOutputRedirected;

    public static WebApplicationBuilder AddParleyLogging(this WebApplicationBuilder builder)
    {
        var format = (builder.Configuration[FormatKey] ?? "auto").Trim().ToLowerInvariant();
        if (!Formats.Contains(format))
            throw new InvalidOperationException($"Unknown {FormatKey} '{format}'. Valid formats: {string.Join(", ", Formats)}.");
        var text = format == "text" || (format == "auto" && Interactive);
        if (text)
        {
            builder.Services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Simple);
            builder.Services.PostConfigure<SimpleConsoleFormatterOptions>(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.UseUtcTimestamp = false;
            });
        }
        else builder.Services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Json);
        return builder;
    }

    /// <summary>The start-up banner, printed once the server listens, only when a person is watching the terminal.</summary>
    public static void PrintBannerWhenStarted(WebApplication app)
    {
        if (!Interactive) return;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var files = app.Services.GetRequiredService<IOptions<FilesOptions>>().Value;
            var database = app.Services.GetRequiredService<Database>();
            var cluster = app.Services.GetRequiredService<Cluster.ClusterOptions>().Enabled;
            Console.Out.Write($"""

                  Parley {Operations.Version.Current} is running
                    open      {string.Join("  ", urls)}
                    data      {Path.GetFullPath(storage.DataDirectory)}
                    database  {database.Provider} ({database.Description})
                    files     {files.Provider}
                    mode      {(cluster ? "cluster (Redis)" : "single node")}
                  Ctrl+C stops it. Logs follow; JSON lines when not on a terminal (Parley:Logging:Format).


                """);
        });
    }
}

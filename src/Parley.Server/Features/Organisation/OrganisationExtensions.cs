using Parley.Server.Storage;

namespace Parley.Server.Features.Organisation;

/// <summary>Composition root of the organisation directory: departments, profiles, search (with pinyin).</summary>
public static class OrganisationExtensions
{
    public static WebApplicationBuilder AddDirectory(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DepartmentStore>();
        builder.Services.AddSingleton<DirectoryStore>();
        builder.Services.AddSingleton<DirectoryService>();
        builder.Services.AddHostedService<NameKeysBackfill>();
        return builder;
    }

    public static RouteGroupBuilder MapDirectory(this RouteGroupBuilder api)
    {
        api.MapDirectoryApi();
        return api;
    }
}

/// <summary>After an upgrade, users created before the directory get their pinyin keys (once; new names get them as they are written).</summary>
public sealed class NameKeysBackfill(WriteQueue writer, ILogger<NameKeysBackfill> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await writer.ExecuteAsync(DirectoryStore.BackfillKeys);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DirectoryLog.BackfillFailed(log, ex);
        }
    }
}

internal static partial class DirectoryLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Pinyin keys for existing users could not be written; the directory finds them by name only until they are renamed.")]
    public static partial void BackfillFailed(ILogger logger, Exception exception);
}

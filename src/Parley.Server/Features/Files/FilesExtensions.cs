using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Server.Features.Files.Scanning;
using Parley.Server.Platform;

namespace Parley.Server.Features.Files;

/// <summary>Composition root of the files feature: one call to register, one to map.</summary>
public static class FilesExtensions
{
    public static WebApplicationBuilder AddFiles(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FilesOptions>().Bind(builder.Configuration.GetSection(FilesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FilesOptions>, FilesOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        // Configuration picks the backend; the validator has already refused anything else at start-up.
        services.AddSingleton<IBlobStore>(sp =>
            string.Equals(sp.GetRequiredService<IOptions<FilesOptions>>().Value.Provider, "S3", StringComparison.OrdinalIgnoreCase)
                ? ActivatorUtilities.CreateInstance<S3BlobStore>(sp)
                : ActivatorUtilities.CreateInstance<LocalBlobStore>(sp));
        services.AddSingleton<IMalwareScanner>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<FilesOptions>>().Value.Scan.ClamAv)
                ? new NoScanner()
                : ActivatorUtilities.CreateInstance<ClamAvScanner>(sp));
        services.AddSingleton<FileStore>();
        services.AddSingleton<FilesMetrics>();
        services.AddSingleton<FileService>();
        services.AddSingleton<FileLinkKey>();
        services.AddSingleton<FileLinks>();
        services.AddSingleton<UploadLocks>();
        services.AddSingleton<UploadService>();
        services.AddSingleton<FileJanitor>();
        services.AddHostedService(sp => sp.GetRequiredService<FileJanitor>());
        services.AddSingleton<MessageAttachments>();
        services.AddMessageWriteStep<FileAttachmentStep>();
        return builder;
    }

    public static RouteGroupBuilder MapFiles(this RouteGroupBuilder api)
    {
        api.MapFilesApi();
        return api;
    }
}

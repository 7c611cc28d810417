namespace Parley.Server.Storage;

/// <summary>Composition root of storage: the database (provider from configuration) and the single writer.</summary>
public static class StorageExtensions
{
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.Section));
        services.AddSingleton<Database>();
        services.AddSingleton<WriteQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<WriteQueue>());
        services.AddHealthChecks().AddCheck<Hosting.DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }
}

using Parley.Server.Platform;

namespace Parley.Server.Features.Saved;

/// <summary>Composition root of personal saved state: bookmarks (saved messages) and composer drafts.</summary>
public static class SavedExtensions
{
    public static WebApplicationBuilder AddSaved(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SavedOptions>().Bind(builder.Configuration.GetSection(SavedOptions.Section))
            .Validate(o => o.MaxBookmarksPerUser > 0 && o.MaxDraftsPerUser > 0 && o.MaxNoteLength > 0 && o.WritesPerMinute > 0,
                "Parley:Saved limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SavedWriteLimit>();
        services.AddSingleton<BookmarkStore>();
        services.AddSingleton<BookmarkService>();
        services.AddSingleton<DraftStore>();
        services.AddSingleton<DraftService>();
        services.AddMessageWriteStep<DraftClearStep>();
        return builder;
    }

    public static RouteGroupBuilder MapSaved(this RouteGroupBuilder api)
    {
        api.MapSavedApi();
        return api;
    }
}

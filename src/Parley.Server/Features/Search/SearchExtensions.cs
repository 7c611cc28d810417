using Parley.Server.Platform;

namespace Parley.Server.Features.Search;

/// <summary>Composition root of search: the query service and the index write step.</summary>
public static class SearchExtensions
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SearchStore>();
        builder.Services.AddSingleton<SearchService>();
        builder.Services.AddMessageWriteStep<SearchIndexStep>();
        return builder;
    }

    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        api.MapSearchApi();
        return api;
    }
}

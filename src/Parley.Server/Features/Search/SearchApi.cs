using Parley.Contracts;
using Parley.Server.Features.Auth;

namespace Parley.Server.Features.Search;

public static class SearchApi
{
    public static void MapSearchApi(this RouteGroupBuilder api) =>
        api.MapGet("/search", async (string? q, long? conversationId, long? senderId, DateTimeOffset? from, DateTimeOffset? to, int? limit, HttpContext http, SearchService search) =>
                new SearchResponse(await search.SearchAsync(CurrentUser.Id(http.User), q, conversationId, senderId, from, to, limit)))
            .WithTags("Search")
            .WithSummary("Full-text search (Chinese and other languages) over messages the caller can see, newest first; snippet marks hits with <mark>.");
}

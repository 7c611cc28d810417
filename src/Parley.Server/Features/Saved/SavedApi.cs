using Parley.Contracts;
using Parley.Server.Features.Auth;

namespace Parley.Server.Features.Saved;

public static class SavedApi
{
    public static void MapSavedApi(this RouteGroupBuilder api)
    {
        var bookmarks = api.MapGroup("").WithTags("Saved");

        bookmarks.MapPut("/messages/{id:long}/bookmark", (long id, BookmarkRequest? request, HttpContext http, BookmarkService service) =>
                service.SaveAsync(CurrentUser.Id(http.User), id, request?.Note))
            .WithSummary("Saves a message to the caller's bookmarks (idempotent; a note replaces the previous one). Members only.");
        bookmarks.MapDelete("/messages/{id:long}/bookmark", async (long id, HttpContext http, BookmarkService service) =>
            {
                await service.RemoveAsync(CurrentUser.Id(http.User), id);
                return TypedResults.NoContent();
            })
            .WithSummary("Removes the caller's bookmark of a message (idempotent).");
        bookmarks.MapGet("/bookmarks", (long? before, int? limit, HttpContext http, BookmarkService service) =>
                service.PageAsync(CurrentUser.Id(http.User), before, limit))
            .WithSummary("The caller's saved messages, newest saved first; entries the caller can no longer read are marked unavailable.");

        bookmarks.MapGet("/drafts", async (HttpContext http, DraftService service) =>
                new ListResponse<DraftDto>(await service.ListAsync(CurrentUser.Id(http.User))))
            .WithSummary("The caller's composer drafts in conversations they are in, most recently changed first.");
        bookmarks.MapPut("/conversations/{id:long}/draft", (long id, DraftRequest request, HttpContext http, DraftService service) =>
                service.SaveAsync(CurrentUser.Id(http.User), id, request))
            .WithSummary("Saves the caller's draft of a conversation's (or a thread's) composer; empty text removes it. Last write wins.");
        bookmarks.MapDelete("/conversations/{id:long}/draft", async (long id, long? threadRootId, HttpContext http, DraftService service) =>
            {
                await service.RemoveAsync(CurrentUser.Id(http.User), id, threadRootId);
                return TypedResults.NoContent();
            })
            .WithSummary("Removes the caller's draft of a conversation (or of the thread threadRootId).");
    }
}

using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;

namespace Parley.Server.Features.Assistant;

/// <summary>The assistant in a conversation: its state and consent, summaries, reply suggestions (members only; non-members get 404).</summary>
public static class AssistantApi
{
    public static void MapAssistantApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/conversations/{id:long}").WithTags("Assistant");

        g.MapGet("/assistant", async (long id, HttpContext http, AssistantService service) => await service.StateAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Whether the assistant is available here (enabled by an administrator with a provider), consented to, and whether the caller may change the consent.");

        g.MapPut("/assistant", async (long id, SetAssistantConsentRequest request, HttpContext http, AssistantService service) =>
                await service.SetConsentAsync(Actor.Of(http), id, request))
            .WithSummary("Gives or withdraws this conversation's consent to the assistant (owners and admins of the conversation); audited as assistant.consent_changed.");

        g.MapPost("/summaries", async (long id, SummarizeRequest request, HttpContext http, AssistantService service, CancellationToken cancellationToken) =>
                await service.SummarizeAsync(CurrentUser.Id(http.User), id, request, cancellationToken))
            .WithSummary("Summarises the caller's unread messages (scope unread, the default), the latest ones (recent) or one thread, through the language model; needs the assistant enabled and the conversation's consent.");

        g.MapPost("/reply-suggestions", async (long id, ReplySuggestionsRequest request, HttpContext http, AssistantService service, CancellationToken cancellationToken) =>
                await service.SuggestRepliesAsync(CurrentUser.Id(http.User), id, request, cancellationToken))
            .WithSummary("Suggests 1–5 short replies (count, default 3) from the latest messages, through the language model; needs the assistant enabled and the conversation's consent.");
    }
}

using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Translation;

public static class TranslationApi
{
    public static void MapTranslationApi(this RouteGroupBuilder api)
    {
        api.MapPost("/messages/{id:long}/translations", (long id, TranslateMessageRequest request, HttpContext http, TranslationService service) =>
                service.TranslateAsync(CurrentUser.Id(http.User), id, request, http.RequestAborted))
            .WithTags("Translation")
            .WithSummary("The message's text in targetLanguage (cached per message, edit and language); 404 unless the caller can read the message; 422 translation_disabled / translation_language_unsupported; 503 translation_unavailable when the provider fails; rate-limited per user.");
        api.MapGet("/translation", (TranslationService service) => service.StatusAsync())
            .WithTags("Translation").WithSummary("Whether translation is on and into which languages.");
        api.MapGet("/users/me/translation", (HttpContext http, TranslationService service) => service.PreferencesAsync(CurrentUser.Id(http.User)))
            .WithTags("Translation").WithSummary("The caller's auto-translation: translate incoming messages into their language.");
        api.MapPut("/users/me/translation", (TranslationPreferencesDto request, HttpContext http, TranslationService service) =>
                service.SetPreferencesAsync(CurrentUser.Id(http.User), request))
            .WithTags("Translation").WithSummary("Sets the caller's auto-translation; language null means the client's display language.");
        api.MapGet("/conversations/{id:long}/translation", (long id, HttpContext http, TranslationService service) =>
                service.ConversationAsync(CurrentUser.Id(http.User), id))
            .WithTags("Translation").WithSummary("Whether the conversation is auto-translated for its members (members).");
        api.MapPut("/conversations/{id:long}/translation", (long id, ConversationTranslationDto request, HttpContext http, TranslationService service) =>
                service.SetConversationAsync(CurrentUser.Id(http.User), id, request))
            .WithTags("Translation").WithSummary("Switches the conversation's auto-translation (owners and admins).");

        var admin = api.MapGroup("/admin/translation").WithTags("Administration").RequirePermission(Contracts.Permissions.SystemManage);
        admin.MapGet("/", (HttpContext http, TranslationSettings settings) => settings.DescribeAsync(Actor.Of(http)))
            .WithSummary("Translation providers (configured, enabled, settings without secrets) and the offered languages (system.manage).");
        admin.MapPut("/", (UpdateTranslationSettingsRequest request, HttpContext http, TranslationSettings settings) => settings.SaveAsync(request, Actor.Of(http)))
            .WithSummary("Enables providers, chooses languages, changes provider settings (secrets are write-only); audited as settings.changed (system.manage).");
    }
}

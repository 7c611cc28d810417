using System.Globalization;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Service;
using Parley.Server.Storage;

namespace Parley.Server.Features.Translation;

/// <summary>
/// Translation of messages (issue 18): on demand by a member who can read the message, cached per (message, edit
/// version, target language), through the first enabled provider that offers the language. Nothing leaves the server
/// until an administrator enables a provider (<see cref="TranslationOptions.EnabledProviders"/> is empty by default).
/// Auto-translation is a preference (per user, per conversation) the clients follow by asking here for what they show.
/// </summary>
public sealed class TranslationService(
    TranslationStore store, TranslationSettings settings, IEnumerable<ITranslationProvider> providers, MessageStore messages,
    ConversationService conversations, WriteQueue writer, IRateCounter rate, ILogger<TranslationService> logger)
{
    public async Task<TranslationDto> TranslateAsync(long userId, long messageId, TranslateMessageRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.TargetLanguage)) throw ParleyException.Invalid("targetLanguage", "Name the language to translate into, e.g. zh-CN, en, es.");
        // Who may read the message is decided before anything else, so a stranger learns nothing (not even that translation is off).
        var m = await messages.FindAsync(messageId);
        if (m is null || m.DeletedAt is not null || m.RecalledAt is not null || m.PurgedAt is not null
            || await conversations.RequireMemberOrNullAsync(userId, m.ConversationId) is null)
            throw ParleyException.NotFound("The message");
        var o = await settings.CurrentAsync();
        if (o.EnabledProviders.Length == 0)
            throw new ParleyException(422, TranslationErrorCodes.Disabled, "Translation is off: an administrator has not enabled a translation provider.");
        var target = Languages.Normalise(request.TargetLanguage);
        if (target is null || !o.Languages.Contains(target))
            throw new ParleyException(422, TranslationErrorCodes.LanguageUnsupported, $"'{request.TargetLanguage}' is not offered; the languages are {string.Join(", ", o.Languages)}.");
        if (string.IsNullOrWhiteSpace(m.Text)) throw new ParleyException(422, TranslationErrorCodes.NothingToTranslate, "The message has no text to translate.");
        if (m.Text.Length > o.MaxTextLength)
            throw new ParleyException(422, TranslationErrorCodes.TooLong, $"Messages longer than {o.MaxTextLength} characters are not sent for translation.");

        var version = m.EditedAt ?? 0;
        if (await store.FindAsync(m.Id, version, target) is { } hit)
            return new TranslationDto(hit.Text, hit.Provider, hit.SourceLanguage, target, Cached: true);

        var decision = await rate.TryTakeAsync("translate:" + userId.ToString(CultureInfo.InvariantCulture), o.RatePerMinute, TimeSpan.FromMinutes(1));
        if (!decision.Allowed)
            throw new ParleyException(429, TranslationErrorCodes.RateLimited, $"At most {o.RatePerMinute} translations a minute; try again shortly.", decision.RetryAfter);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.Timeout);
        var provider = await ChooseAsync(o, target, m.Id, timeout.Token);
        TranslationResult result;
        try
        {
            result = await provider.TranslateAsync(m.Text, null, target, timeout.Token);
        }
        catch (Exception e) when (e is TranslationFailedException or HttpRequestException or System.ClientModel.ClientResultException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            TranslationLog.Failed(logger, e, m.Id, target, provider.Id);
            throw Unavailable(provider.Id);
        }
        TranslationLog.Translated(logger, m.Id, target, provider.Id, m.Text.Length);
        await writer.ExecuteAsync(w =>
        {
            TranslationStore.Save(w, m.Id, version, target, result.Text, result.Provider, result.SourceLanguage);
            return 0;
        });
        return new TranslationDto(result.Text, result.Provider, result.SourceLanguage, target, Cached: false);
    }

    /// <summary>The first enabled, configured provider that translates into the language.</summary>
    private async Task<ITranslationProvider> ChooseAsync(TranslationOptions o, string target, long messageId, CancellationToken cancellationToken)
    {
        var unavailable = default(string);
        foreach (var id in o.EnabledProviders)
        {
            if (providers.FirstOrDefault(p => p.Id == id) is not { } p || !p.IsConfigured(o)) continue;
            try
            {
                if ((await p.SupportedLanguagesAsync(o, cancellationToken)).Contains(target)) return p;
            }
            catch (Exception e) when (e is TranslationFailedException or HttpRequestException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested) || e is TaskCanceledException)
            {
                TranslationLog.Failed(logger, e, messageId, target, p.Id);
                unavailable ??= p.Id;
            }
        }
        if (unavailable is not null) throw Unavailable(unavailable);
        throw new ParleyException(422, TranslationErrorCodes.LanguageUnsupported, $"No enabled translation provider translates into {target}.");
    }

    private static ParleyException Unavailable(string provider) =>
        new(503, TranslationErrorCodes.Unavailable, $"The translation provider ({provider}) did not answer; try again later.");

    public async Task<TranslationStatusDto> StatusAsync()
    {
        var o = await settings.CurrentAsync();
        var enabled = o.EnabledProviders.Any(id => providers.FirstOrDefault(p => p.Id == id) is { } p && p.IsConfigured(o));
        return new TranslationStatusDto(enabled, enabled ? o.Languages : []);
    }

    public async Task<TranslationPreferencesDto> PreferencesAsync(long userId)
    {
        var (auto, language) = await store.PreferencesAsync(userId);
        return new TranslationPreferencesDto(auto, language);
    }

    public async Task<TranslationPreferencesDto> SetPreferencesAsync(long userId, TranslationPreferencesDto request)
    {
        string? language = null;
        if (!string.IsNullOrWhiteSpace(request.Language))
            language = Languages.Normalise(request.Language)
                ?? throw ParleyException.Invalid("language", $"'{request.Language}' is not a language Parley knows; known: {string.Join(", ", Languages.Known.Keys)}.");
        await writer.ExecuteAsync(w =>
        {
            TranslationStore.SetPreferences(w, userId, request.AutoTranslate, language);
            return 0;
        });
        return new TranslationPreferencesDto(request.AutoTranslate, language);
    }

    public async Task<ConversationTranslationDto> ConversationAsync(long userId, long conversationId)
    {
        await conversations.RequireMemberAsync(userId, conversationId);
        return new ConversationTranslationDto(await store.ConversationAutoAsync(conversationId));
    }

    /// <summary>
    /// Owners and admins of the conversation switch its auto-translation, and so does the agent holding a service
    /// conversation (issue 18: the visitor writes English, the agent reads Chinese; agents join as plain members);
    /// 403 for other members, 404 for strangers.
    /// </summary>
    public Task<ConversationTranslationDto> SetConversationAsync(long userId, long conversationId, ConversationTranslationDto request) =>
        writer.ExecuteAsync(w =>
        {
            var c = ConversationService.RequireMember(w, userId, conversationId);
            if (!ConversationService.IsManager(c) && !ServiceStore.IsHeldBy(ServiceStore.GetConversation(w, conversationId), userId))
                throw ParleyException.Forbidden("Only the conversation's owners and admins (or the agent holding a service conversation) switch auto-translation.");
            TranslationStore.SetConversationAuto(w, conversationId, request.AutoTranslate, userId);
            return new ConversationTranslationDto(request.AutoTranslate);
        });
}

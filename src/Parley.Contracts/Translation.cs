namespace Parley.Contracts;

/// <summary>Asks for a message's text in another language (<c>POST /api/v1/messages/{id}/translations</c>).</summary>
public sealed record TranslateMessageRequest(string? TargetLanguage);

/// <summary>
/// A message's text translated: <see cref="Provider"/> is the engine's id (<c>apertium</c>, <c>deepl</c> …),
/// <see cref="SourceLanguage"/> the language the engine saw (detected, or assumed by a pair-based engine), in Parley's codes.
/// </summary>
public sealed record TranslationDto(string Text, string Provider, string? SourceLanguage, string TargetLanguage, bool Cached);

/// <summary>What a signed-in client needs to offer translation: whether any engine is on and into which languages.</summary>
public sealed record TranslationStatusDto(bool Enabled, IReadOnlyList<string> Languages);

/// <summary>
/// The caller's own auto-translation: incoming messages in other conversations show a translation into
/// <see cref="Language"/> under the original.
/// </summary>
public sealed record TranslationPreferencesDto(bool AutoTranslate, string? Language);

/// <summary>A conversation's auto-translation (set by its managers): every member sees translations into their own language.</summary>
public sealed record ConversationTranslationDto(bool AutoTranslate);

/// <summary>One setting of a provider. A secret's value never goes back to a client: <see cref="Set"/> says whether there is one.</summary>
public sealed record TranslationProviderFieldDto(string Name, bool Secret, string? Value, bool Set);

/// <summary>
/// A translation provider as the administrator sees it: <see cref="Configured"/> when everything it needs is there
/// (endpoint, credentials), <see cref="Enabled"/> when the administrator allows messages to go to it.
/// </summary>
public sealed record TranslationProviderDto(string Id, bool Enabled, bool Configured, bool Offline, IReadOnlyList<TranslationProviderFieldDto> Fields);

/// <summary>The translation settings in effect (<c>GET /api/v1/admin/translation</c>).</summary>
public sealed record TranslationSettingsDto(IReadOnlyList<string> EnabledProviders, IReadOnlyList<string> Languages,
    IReadOnlyList<TranslationProviderDto> Providers, IReadOnlyList<string> KnownLanguages);

/// <summary>
/// Replaces the enabled providers (in order of preference) and the offered languages; <see cref="Fields"/> changes
/// provider settings (provider id → field → value; an empty string removes a stored value). Secrets are write-only.
/// </summary>
public sealed record UpdateTranslationSettingsRequest(IReadOnlyList<string>? EnabledProviders, IReadOnlyList<string>? Languages,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>>? Fields);

public static class TranslationErrorCodes
{
    /// <summary>No provider is enabled: nothing leaves the server until an administrator enables one (422).</summary>
    public const string Disabled = "translation_disabled";

    /// <summary>The language is not offered, or none of the enabled providers translates into it (422).</summary>
    public const string LanguageUnsupported = "translation_language_unsupported";

    /// <summary>The message has no text (files only) (422).</summary>
    public const string NothingToTranslate = "translation_nothing_to_translate";

    /// <summary>The text is longer than Parley:Translation:MaxTextLength (422).</summary>
    public const string TooLong = "translation_text_too_long";

    /// <summary>The provider failed or did not answer in time (503); the message stays untranslated.</summary>
    public const string Unavailable = "translation_unavailable";

    /// <summary>The caller asked for too many translations (429; Retry-After says when to try again).</summary>
    public const string RateLimited = "translation_rate_limited";
}

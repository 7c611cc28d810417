namespace Parley.Server.Features.Translation;

/// <summary>
/// A translation engine behind one door. Languages are Parley's codes (<see cref="Languages"/>); the provider maps them
/// to its vendor's spelling. A provider reads its settings on every call (<see cref="TranslationSettings"/>), so an
/// administrator's change applies to the next translation on every node. Failures (the vendor's error, no answer, a
/// refused credential) throw; the service turns them into 503 <c>translation_unavailable</c>.
/// </summary>
public interface ITranslationProvider
{
    /// <summary>The id an administrator enables and clients see (<c>apertium</c>, <c>deepl</c> …).</summary>
    string Id { get; }

    /// <summary>The settings it reads under <c>Parley:Translation:{Section}</c>, in the order the console shows them.</summary>
    string Section { get; }

    IReadOnlyList<TranslationField> Fields { get; }

    /// <summary>Everything it needs is set (an endpoint, credentials).</summary>
    bool IsConfigured(TranslationOptions options);

    /// <summary>The languages it translates into (for a pair-based engine: the targets of its installed pairs).</summary>
    Task<IReadOnlyCollection<string>> SupportedLanguagesAsync(TranslationOptions options, CancellationToken cancellationToken);

    /// <summary>Translates <paramref name="text"/>; <paramref name="sourceLanguage"/> null asks the engine to detect it.</summary>
    Task<TranslationResult> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken);
}

/// <summary>One setting of a provider: the options property's name, and whether it is a secret (write-only in the console).</summary>
public sealed record TranslationField(string Name, bool Secret = false);

/// <summary>A translation; <see cref="SourceLanguage"/> in Parley's codes, or null when the engine did not say and nobody told it.</summary>
public sealed record TranslationResult(string Text, string? SourceLanguage, string Provider);

/// <summary>The engine answered with an error or something unreadable.</summary>
public sealed class TranslationFailedException(string message, Exception? inner = null) : Exception(message, inner);

using Microsoft.Extensions.AI;

namespace Parley.Server.Features.Translation.Providers;

/// <summary>
/// A language model as translator, through <c>Microsoft.Extensions.AI</c>'s <see cref="IChatClient"/> against any
/// OpenAI-compatible chat completions endpoint (a self-hosted model server or a cloud). The system message names the
/// target language and asks for the translation alone; the message's text is the user message. Quality depends on the
/// model; nothing here measures it.
/// </summary>
public sealed class LlmTranslationProvider(TranslationSettings settings) : ITranslationProvider
{
    public string Id => "llm";
    public string Section => "Llm";
    public IReadOnlyList<TranslationField> Fields { get; } = [new("Url"), new("Model"), new("ApiKey", Secret: true)];

    public bool IsConfigured(TranslationOptions options) => !string.IsNullOrEmpty(options.Llm.Url) && !string.IsNullOrEmpty(options.Llm.Model);

    public Task<IReadOnlyCollection<string>> SupportedLanguagesAsync(TranslationOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(TranslationHttp.AllKnown);

    public static string Instructions(string? sourceLanguage, string targetLanguage) =>
        $"You are a translation engine. Translate the user's message {(sourceLanguage is null ? "" : $"from {Languages.NameOf(sourceLanguage)} ")}"
        + $"into {Languages.NameOf(targetLanguage)} ({targetLanguage}). Reply with the translation only: no notes, no quotes. "
        + "Keep line breaks, @mentions, URLs, code and emoji as they are.";

    public async Task<TranslationResult> TranslateAsync(string text, string? sourceLanguage, string targetLanguage, CancellationToken cancellationToken)
    {
        var o = (await settings.CurrentAsync()).Llm;
        using var chat = Ai.OpenAiCompatible.Create(o.Url!, o.Model!, o.ApiKey, Timeout.InfiniteTimeSpan);
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, Instructions(sourceLanguage, targetLanguage)), new ChatMessage(ChatRole.User, text)],
            new ChatOptions { Temperature = 0 }, cancellationToken);
        var translated = response.Text.Trim();
        if (translated.Length == 0) throw new TranslationFailedException("The language model answered with no text.");
        return new TranslationResult(translated, sourceLanguage, Id);
    }
}

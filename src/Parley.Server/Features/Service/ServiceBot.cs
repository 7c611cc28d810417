using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Knowledge;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Storage;

namespace Parley.Server.Features.Service;

/// <summary>
/// The AI first line: a durable subscriber of the conversations stream (one node runs it, at least once, in order).
/// A visitor's message in a service conversation whose state is <c>bot</c> is answered through
/// <see cref="IKnowledgeAnswerer"/> and posted by the widget's service bot with its sources; when the answerer hands off
/// (the visitor asked for a person, no article matched well enough, or Parley:Ai:Knowledge:HandOffAfterTurns answered
/// turns went by) the conversation goes to the queue with the bot's localized notice.
/// </summary>
public sealed class ServiceBot(ServiceStore store, IKnowledgeAnswerer answerer, VisitorService visitors, ServiceNotices notices, WriteQueue writer,
    IOptionsMonitor<ServiceOptions> options, ILogger<ServiceBot> log) : IEventSubscriber
{
    public string Name => "service-bot";
    public string Stream => EventStreams.Conversations;
    public bool StartAtEnd => true;

    public async Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        var created = batch.Where(e => e.Type == EventTypes.MessageCreated && e.ConversationId is not null && e.MessageId is not null).ToList();
        if (created.Count == 0) return;
        var service = await store.ServiceConversationIdsAsync(created.Select(e => e.ConversationId!.Value).ToHashSet());
        foreach (var e in created)
        {
            if (e.ConversationId is not { } conversationId || e.MessageId is not { } messageId || !service.Contains(conversationId)) continue;
            // Read again per message: answering the one before may have handed the conversation over.
            if (await store.ConversationAsync(conversationId) is not { State: ServiceStates.Bot } row || e.ActorId != row.VisitorUserId) continue;
            if (await store.MessageAsync(messageId) is not { } message || string.IsNullOrWhiteSpace(message.Text)) continue;
            await AnswerAsync(row, messageId, message.Text, cancellationToken);
        }
    }

    private async Task AnswerAsync(ServiceStore.ConversationRow row, long messageId, string question, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.BotEnabled)
        {
            await visitors.ToWaitingAsync(row, row.VisitorUserId);
            return;
        }
        var language = KnowledgeAnalyzers.Detect(question);
        if (language != row.Language) await writer.ExecuteAsync(w => ServiceStore.SetLanguage(w, row.ConversationId, language));
        row = await store.ConversationAsync(row.ConversationId) ?? row;
        KnowledgeAnswerDto answer;
        try
        {
            var text = question.Length > KnowledgeAnswerer.MaxQuestion ? question[..KnowledgeAnswerer.MaxQuestion] : question;
            // The last turns go to a language model as context (retrieval ignores them).
            var transcript = (await store.RecentTextsAsync(row.ConversationId, messageId, 10))
                .Select(t => new KnowledgeTurn(t.SenderId == row.VisitorUserId, t.Text)).ToList();
            answer = await answerer.AnswerAsync(text, language, new KnowledgeConversationContext(row.ConversationId, (int)row.BotTurns, transcript), cancellationToken);
        }
        catch (ParleyException ex)
        {
            ServiceLog.AnswerFailed(log, row.ConversationId, ex.Code);
            answer = new KnowledgeAnswerDto("", [], 0, true, HandOffReasons.ProviderFailed, KnowledgeAnswerer.RetrievalSource);
        }
        if (answer.HandOff)
        {
            ServiceLog.HandedOff(log, row.ConversationId, answer.Reason ?? "?");
            await visitors.ToWaitingAsync(row, row.VisitorUserId);
            return;
        }
        await notices.PostAsync(row, WithSources(answer, language));
        await writer.ExecuteAsync(w => ServiceStore.SetBotTurns(w, row.ConversationId, row.BotTurns + 1));
    }

    /// <summary>
    /// The answer and, under it, the titles of the articles it came from. Not numbered: a model's [n] markers count the
    /// articles it was given, which are more than those it cited.
    /// </summary>
    internal static string WithSources(KnowledgeAnswerDto answer, string language)
    {
        if (answer.Citations.Count == 0) return answer.Answer;
        var chinese = language == KnowledgeLanguages.Chinese;
        return answer.Answer + "\n\n" + (chinese ? "参考：" : "Sources: ") + string.Join(chinese ? "；" : "; ", answer.Citations.Select(c => c.Title));
    }
}

internal static partial class ServiceLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Service conversation {ConversationId} handed to the queue ({Reason}).")]
    public static partial void HandedOff(ILogger logger, long conversationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The knowledge answerer refused a question in service conversation {ConversationId} ({Code}); handing it to the queue.")]
    public static partial void AnswerFailed(ILogger logger, long conversationId, string code);
}

using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Platform.Email;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Realtime;
using Parley.Server.Storage;

namespace Parley.Server.Features.Service;

/// <summary>Offline replies to visitors (Parley:Service:OfflineEmail).</summary>
public sealed class VisitorEmailOptions
{
    public const string Section = "Parley:Service:OfflineEmail";

    /// <summary>Send visitors who left an e-mail address the replies they missed (needs Parley:Email:SmtpHost).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>At most one e-mail per conversation per this interval; replies in between ride with the next one.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The newest replies one e-mail carries at most.</summary>
    public int MaxReplies { get; set; } = 20;

    /// <summary>
    /// Offline-reply e-mails one address receives per 24 hours at most, over all chats: anyone may type someone else's
    /// address into the widget, so the company's relay must not become a way to flood it.
    /// </summary>
    public int MaxPerAddressPerDay { get; set; } = 20;
}

public sealed class VisitorEmailOptionsValidation : IValidateOptions<VisitorEmailOptions>
{
    public ValidateOptionsResult Validate(string? name, VisitorEmailOptions o)
    {
        if (o.Interval < TimeSpan.Zero) return ValidateOptionsResult.Fail($"{VisitorEmailOptions.Section}:Interval must not be negative.");
        if (o.MaxPerAddressPerDay is < 1 or > 10_000) return ValidateOptionsResult.Fail($"{VisitorEmailOptions.Section}:MaxPerAddressPerDay must be between 1 and 10000.");
        if (o.MaxReplies is < 1 or > 200) return ValidateOptionsResult.Fail($"{VisitorEmailOptions.Section}:MaxReplies must be between 1 and 200.");
        return ValidateOptionsResult.Success;
    }
}

/// <summary>
/// "Receive replies by e-mail when they left": a durable subscriber of the conversations stream (one node, at least
/// once, in order). When someone other than the visitor (an agent, the service bot) posts in a service conversation
/// whose visitor gave an e-mail address and has no live hub connection on any node (this node's
/// <see cref="ConnectionRegistry"/>, the others through <see cref="IPresenceDirectory"/>), the replies since the last
/// e-mail are queued through <see cref="IEmailSender"/> — at most one e-mail per conversation per Interval, in the
/// visitor's language (en / zh-CN), with a link back to the widget page. The e-mail and the conversation's
/// <c>email_conversation_notices</c> row are written in one transaction, so a redelivered batch sends nothing twice.
/// </summary>
public sealed partial class VisitorOfflineEmail(ServiceStore store, WriteQueue writer, IEmailSender email,
    ConnectionRegistry connections, IPresenceDirectory presence, IOptionsMonitor<VisitorEmailOptions> options,
    IOptionsMonitor<EmailOptions> emailOptions, ILogger<VisitorOfflineEmail> log) : IEventSubscriber
{
    public string Name => "service-offline-email";
    public string Stream => EventStreams.Conversations;
    public bool StartAtEnd => true;
    private const string Kind = "service.offline_reply";

    public async Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        if (!email.Enabled || !options.CurrentValue.Enabled) return;
        // One look per conversation per batch: a burst of replies becomes one e-mail.
        var conversations = batch.Where(e => e.Type == EventTypes.MessageCreated && e.ConversationId is not null)
            .Select(e => (Conversation: e.ConversationId!.Value, e.ActorId)).ToList();
        if (conversations.Count == 0) return;
        var service = await store.ServiceConversationIdsAsync(conversations.Select(c => c.Conversation).ToHashSet());
        foreach (var conversationId in conversations.Select(c => c.Conversation).Where(service.Contains).Distinct())
        {
            if (await store.ConversationAsync(conversationId) is not { VisitorEmail: { Length: > 0 } address } row) continue;
            if (!conversations.Any(c => c.Conversation == conversationId && c.ActorId != row.VisitorUserId)) continue;
            if (!EmailAddress.IsValid(address) || await OnlineAsync(row.VisitorUserId)) continue;
            await NotifyAsync(row, address, cancellationToken);
        }
    }

    private async Task<bool> OnlineAsync(long userId)
    {
        if (connections.Count(userId) > 0) return true;
        return (await presence.ReadAsync([userId]))[0].OnlineElsewhere;
    }

    private async Task NotifyAsync(ServiceStore.ConversationRow row, string address, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var widget = await store.WidgetAsync(row.WidgetId);
        if (widget is null) return;
        await writer.ExecuteAsync(w =>
        {
            var notice = ServiceStore.OfflineNotice(w, row.ConversationId);
            if (notice is { } n && w.NowMs - n.LastSentAt < (long)o.Interval.TotalMilliseconds) return 0;
            var replies = ServiceStore.MissedReplies(w, row.ConversationId, row.VisitorUserId, notice?.LastSeq ?? 0, o.MaxReplies);
            if (replies.Count == 0) return 0;
            if (EmailOutboxStore.CountTo(w, address, Kind, w.NowMs - 86_400_000L) >= o.MaxPerAddressPerDay)
            {
                AddressCapped(log, row.ConversationId, o.MaxPerAddressPerDay);
                return 0;
            }
            email.Queue(w, Compose(row, address, widget.Name, replies));
            ServiceStore.SetOfflineNotice(w, row.ConversationId, replies[^1].Seq);
            Queued(log, row.ConversationId, replies.Count);
            return replies.Count;
        });
    }

    private EmailMessage Compose(ServiceStore.ConversationRow row, string address, string widgetName, IReadOnlyList<ServiceStore.MissedReply> replies)
    {
        var zh = row.Language == KnowledgeLanguages.Chinese;
        var paragraphs = new List<string>
        {
            zh ? $"{row.VisitorName}，您好：" : $"Hello {row.VisitorName},",
            zh ? $"您离开后，{widgetName} 回复了您的咨询：" : $"{widgetName} replied while you were away:",
        };
        paragraphs.AddRange(replies.Select(r => $"{r.Sender}:\n{r.Text}"));
        var baseUrl = emailOptions.CurrentValue.PublicUrl;
        EmailLink? link = string.IsNullOrEmpty(baseUrl) ? null
            : new EmailLink(zh ? "继续对话" : "Continue the conversation", $"{baseUrl.TrimEnd('/')}/visitor/{row.WidgetId}");
        if (link is null) paragraphs.Add(zh ? "回到您咨询的网页即可继续对话。" : "Go back to the page where you started the chat to continue.");
        var subject = zh ? $"{widgetName} 回复了您的咨询" : $"New reply from {widgetName}";
        return new EmailMessage(address, row.VisitorName, subject, paragraphs, link, kind: Kind);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service conversation {ConversationId}: no offline e-mail, its address already got {Max} today.")]
    private static partial void AddressCapped(ILogger logger, long conversationId, int max);

    [LoggerMessage(Level = LogLevel.Information, Message = "Service conversation {ConversationId}: the visitor is offline; {Count} replies queued by e-mail.")]
    private static partial void Queued(ILogger logger, long conversationId, int count);
}

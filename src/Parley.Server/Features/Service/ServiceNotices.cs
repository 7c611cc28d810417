using Parley.Contracts;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Users;

namespace Parley.Server.Features.Service;

/// <summary>
/// The short notices the widget's service bot posts into a service conversation, in the visitor's language (zh-CN when
/// the visitor writes or browses in Chinese, else English): the hand-off to a person and an agent joining.
/// </summary>
public sealed class ServiceNotices(ServiceStore store, MessageService messages, UserStore users)
{
    public static string HandOff(string? language) => IsChinese(language) ? "正在为您转接人工客服…" : "Connecting you to an agent…";

    public static string AgentJoined(string? language, string name) => IsChinese(language) ? $"客服 {name} 已接入" : $"Agent {name} joined";

    private static bool IsChinese(string? language) => language?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true;

    public Task HandOffAsync(ServiceStore.ConversationRow row) => PostAsync(row, HandOff(row.Language));

    public async Task AgentJoinedAsync(ServiceStore.ConversationRow row, long agentId) =>
        await PostAsync(row, AgentJoined(row.Language, (await users.FindAsync(agentId))?.DisplayName ?? "?"));

    /// <summary>
    /// Posts as the widget's bot through the ordinary send path (the log, the hub, the filters). One bot speaks in every
    /// chat of its widget, so on a busy site it can meet the per-user send rate (Parley:Messages:RatePerSecond): it then
    /// waits as told and tries again, a few times, rather than failing the subscriber's whole batch.
    /// </summary>
    public async Task<MessageDto?> PostAsync(ServiceStore.ConversationRow row, string text)
    {
        if (await store.BotUserIdAsync(row.WidgetId) is not { } bot) return null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await messages.SendAsync(bot, row.ConversationId, new SendMessageRequest(text, null, null, null));
            }
            catch (Common.ParleyException ex) when (ex.Code == ErrorCodes.RateLimited && attempt < 5)
            {
                await Task.Delay(ex.RetryAfter is { } wait && wait < TimeSpan.FromSeconds(5) ? wait : TimeSpan.FromSeconds(1));
            }
        }
    }
}

using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Ai;

/// <summary>
/// The one door to the language model: an <see cref="IChatClient"/> (Microsoft.Extensions.AI over the OpenAI client)
/// built from <see cref="AiOptions"/>, with the budget checked before each call and the usage the provider reports
/// metered after it (per conversation, day and feature, <c>ai_usage</c>). When the provider is not enabled no client
/// exists, so no code path can send anything (docs/ai.md, "Privacy").
/// </summary>
public sealed class AiChat(IOptionsMonitor<AiOptions> options, AiUsageStore usage, WriteQueue writer, TimeProvider time, ILogger<AiChat> logger)
{
    private readonly Lock _gate = new();
    private (string Key, IChatClient Client)? _client;

    public bool ProviderEnabled => options.CurrentValue.ProviderEnabled;

    private IChatClient Client()
    {
        var o = options.CurrentValue;
        if (!o.ProviderEnabled) throw new ParleyException(409, ErrorCodes.AiDisabled, "No language model provider is enabled (Parley:Ai:Enabled).");
        var key = $"{o.Endpoint}\n{o.Model}\n{o.ApiKey}\n{o.Timeout}";
        lock (_gate)
        {
            if (_client is { } c && c.Key == key) return c.Client;
            var client = OpenAiCompatible.Create(o.Endpoint!, o.Model!, o.ApiKey, o.Timeout);
            _client = (key, client);
            return client;
        }
    }

    private string Today => time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Throws 429 ai_budget_exhausted when the conversation's or the server's daily budget is used up.</summary>
    public async Task EnsureBudgetAsync(long conversationId)
    {
        var o = options.CurrentValue;
        if (o.ConversationDailyTokenBudget == 0 && o.DailyCostBudget == 0) return;
        var (tokens, costMicros) = await usage.SpentAsync(conversationId, Today);
        if (o.ConversationDailyTokenBudget > 0 && conversationId != 0 && tokens >= o.ConversationDailyTokenBudget)
            throw new ParleyException(429, ErrorCodes.AiBudgetExhausted, "This conversation used its AI token budget for today (Parley:Ai:ConversationDailyTokenBudget).");
        if (o.DailyCostBudget > 0 && costMicros >= o.DailyCostBudget * 1_000_000m)
            throw new ParleyException(429, ErrorCodes.AiBudgetExhausted, "The server used its AI cost budget for today (Parley:Ai:DailyCostBudget).");
    }

    /// <summary>
    /// Streams the model's answer as text pieces. The budget is checked first; the usage is recorded when the stream
    /// ends (also when the caller stops early, with what was reported so far). Provider failures become 502 ai_provider_failed.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(IList<ChatMessage> messages, string feature, long conversationId, ChatOptions? chatOptions = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = Client();
        await EnsureBudgetAsync(conversationId);
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await using var stream = client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                bool more;
                try
                {
                    more = await stream.MoveNextAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    AiLog.ProviderFailed(logger, feature, ex);
                    throw new ParleyException(502, ErrorCodes.AiProviderFailed, "The language model provider failed; try again later.");
                }
                if (!more) break;
                updates.Add(stream.Current);
                if (stream.Current.Text is { Length: > 0 } text) yield return text;
            }
        }
        finally
        {
            await RecordAsync(updates, feature, conversationId);
        }
    }

    /// <summary>The whole answer as one text (see <see cref="StreamAsync"/>).</summary>
    public async Task<string> CompleteAsync(IList<ChatMessage> messages, string feature, long conversationId, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var piece in StreamAsync(messages, feature, conversationId, chatOptions, cancellationToken)) text.Append(piece);
        return text.ToString();
    }

    private async Task RecordAsync(List<ChatResponseUpdate> updates, string feature, long conversationId)
    {
        if (updates.Count == 0) return;
        var reported = updates.ToChatResponse().Usage;
        long input = reported?.InputTokenCount ?? 0, output = reported?.OutputTokenCount ?? 0;
        var o = options.CurrentValue;
        var costMicros = (long)Math.Round((input * o.InputPricePerMillionTokens + output * o.OutputPricePerMillionTokens), MidpointRounding.AwayFromZero);
        var day = Today;
        await writer.ExecuteAsync(w => { AiUsageStore.Add(w, conversationId, day, feature, input, output, costMicros); return 0; });
    }
}

using Dapper;
using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Features.Ai;

/// <summary>SQL for <c>ai_usage</c>: one row per conversation, UTC day and feature, summed as calls finish.</summary>
public sealed class AiUsageStore(Database database)
{
    public static void Add(WriteContext w, long conversationId, string day, string feature, long input, long output, long costMicros) =>
        w.Connection.Execute(
            """
            INSERT INTO ai_usage(conversation_id, day, feature, requests, input_tokens, output_tokens, cost_micros)
            VALUES (@conversationId, @day, @feature, 1, @input, @output, @costMicros)
            ON CONFLICT (conversation_id, day, feature) DO UPDATE SET requests = ai_usage.requests + 1,
                input_tokens = ai_usage.input_tokens + excluded.input_tokens, output_tokens = ai_usage.output_tokens + excluded.output_tokens,
                cost_micros = ai_usage.cost_micros + excluded.cost_micros
            """, new { conversationId, day, feature, input, output, costMicros }, w.Transaction);

    /// <summary>Tokens (in + out) a conversation used on a day, and the cost the whole server spent that day.</summary>
    public async Task<(long ConversationTokens, long DayCostMicros)> SpentAsync(long conversationId, string day)
    {
        await using var c = await database.OpenAsync();
        var tokens = await c.ExecuteScalarAsync<long?>(
            "SELECT sum(input_tokens + output_tokens) FROM ai_usage WHERE conversation_id = @conversationId AND day = @day", new { conversationId, day });
        var cost = await c.ExecuteScalarAsync<long?>("SELECT sum(cost_micros) FROM ai_usage WHERE day = @day", new { day });
        return (tokens ?? 0, cost ?? 0);
    }

    public async Task<IReadOnlyList<AiUsageDto>> ListAsync(long? conversationId, string? fromDay, int limit)
    {
        await using var c = await database.OpenAsync();
        var rows = await c.QueryAsync<(long ConversationId, string Day, string Feature, long Requests, long InputTokens, long OutputTokens, long CostMicros)>(
            """
            SELECT conversation_id, day, feature, requests, input_tokens, output_tokens, cost_micros FROM ai_usage
            WHERE (@conversationId IS NULL OR conversation_id = @conversationId) AND (@fromDay IS NULL OR day >= @fromDay)
            ORDER BY day DESC, conversation_id, feature LIMIT @limit
            """, new { conversationId, fromDay, limit });
        return [.. rows.Select(r => new AiUsageDto(r.ConversationId, r.Day, r.Feature, r.Requests, r.InputTokens, r.OutputTokens, r.CostMicros / 1_000_000m))];
    }
}

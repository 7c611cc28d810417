using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Features.Cards;

/// <summary>SQL for <c>message_cards</c>: a message's card as validated JSON, and the hook whose action URL its clicks call.</summary>
public sealed class CardStore(Database database)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record Row(long MessageId, long? HookId, string Card)
    {
        public CardDto ToDto() => JsonSerializer.Deserialize<CardDto>(Card, Json)!;
    }

    public async Task<IReadOnlyList<Row>> ForMessagesAsync(IReadOnlyCollection<long> messageIds)
    {
        if (messageIds.Count == 0) return [];
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>($"SELECT message_id AS MessageId, hook_id AS HookId, card FROM message_cards WHERE {Sql.In(c, "message_id", "ids")}",
            new { ids = Sql.List(c, messageIds) })).AsList();
    }

    public async Task<Row?> FindAsync(long messageId)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Row>("SELECT message_id AS MessageId, hook_id AS HookId, card FROM message_cards WHERE message_id = @messageId", new { messageId });
    }

    public static Row? Get(WriteContext w, long messageId) =>
        w.Connection.QuerySingleOrDefault<Row>("SELECT message_id AS MessageId, hook_id AS HookId, card FROM message_cards WHERE message_id = @messageId",
            new { messageId }, w.Transaction);

    public static void Insert(WriteContext w, long messageId, long? hookId, CardDto card) =>
        w.Connection.Execute("INSERT INTO message_cards(message_id, hook_id, card) VALUES (@messageId, @hookId, @card)",
            new { messageId, hookId, card = JsonSerializer.Serialize(card, Json) }, w.Transaction);

    public static void Replace(WriteContext w, long messageId, CardDto card) =>
        w.Connection.Execute("UPDATE message_cards SET card = @card WHERE message_id = @messageId",
            new { messageId, card = JsonSerializer.Serialize(card, Json) }, w.Transaction);

    public static void Delete(WriteContext w, long messageId) =>
        w.Connection.Execute("DELETE FROM message_cards WHERE message_id = @messageId", new { messageId }, w.Transaction);
}

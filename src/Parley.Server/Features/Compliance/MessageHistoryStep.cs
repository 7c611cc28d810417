using Dapper;
using Microsoft.Extensions.Options;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance;

/// <summary>
/// Keeps a message's earlier texts (before an edit, a deletion, a recall) in <c>message_versions</c>, inside the
/// change's own transaction, so the compliance archive has every version whatever happened to the message after.
/// </summary>
public sealed class MessageHistoryStep(IOptions<ComplianceOptions> options) : IMessageWriteStep
{
    public const string Edited = "edited", Deleted = "deleted", Recalled = "recalled";

    public int Order => 300;

    public void AfterEdit(WriteContext w, MessageChange change) => Keep(w, change, Edited);

    public void AfterErase(WriteContext w, MessageChange change) => Keep(w, change, change.Recalled ? Recalled : Deleted);

    private void Keep(WriteContext w, MessageChange change, string reason)
    {
        if (!options.Value.KeepMessageHistory || change.Purged) return;
        w.Connection.Execute(
            """
            INSERT INTO message_versions(message_id, conversation_id, text, reason, actor_id, created_at)
            VALUES (@messageId, @conversationId, @text, @reason, @actorId, @now)
            """,
            new { messageId = change.MessageId, conversationId = change.Conversation.Id, text = change.PreviousText, reason, actorId = change.ActorId, now = w.NowMs },
            w.Transaction);
    }
}

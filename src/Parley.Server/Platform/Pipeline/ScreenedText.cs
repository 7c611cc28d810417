using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Platform.Pipeline;

public sealed record ContentFlag(string Filter, string Reason);

/// <summary>A text that passed the pipeline: what to store, and the flags to record in the same write.</summary>
public sealed record ScreenedText(TextKind Kind, string Text, long UserId, IReadOnlyList<ContentFlag> Flags)
{
    /// <summary>Writes one <c>content.flagged</c> system event per flag, inside the write that stores the text.</summary>
    public void RecordFlags(WriteContext w, long? conversationId, long? messageId = null)
    {
        foreach (var flag in Flags)
        {
            SystemLog.SystemLog.Append(w, Actor.OfUser(UserId), SystemEventTypes.ContentFlagged, UserId,
                new { kind = Kind.ToString(), flag.Filter, flag.Reason, messageId }, conversationId);
        }
    }
}

using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Platform.Pipeline;

/// <summary>
/// A step of the message write, run inside the writer's transaction in <see cref="Order"/>: it commits with the message
/// or rolls back with it. Search indexing, mentions and file attachment are steps; a new one (a compliance archive row,
/// a bot trigger record) is a class registered with <c>services.AddMessageWriteStep&lt;T&gt;()</c>. Steps run on the
/// single writer thread: keep them to a few statements, and do slow work in a durable subscriber instead.
/// </summary>
public interface IMessageWriteStep
{
    int Order { get; }

    /// <summary>Before the row is inserted: may set what the row carries (e.g. mentions).</summary>
    void BeforeInsert(WriteContext w, MessageDraft draft) { }

    /// <summary>After the row is inserted (<see cref="MessageDraft.Id"/> is set).</summary>
    void AfterInsert(WriteContext w, MessageDraft draft) { }

    /// <summary>After the text of a message was replaced.</summary>
    void AfterEdit(WriteContext w, MessageChange change) { }

    /// <summary>After a message was deleted or recalled (its text erased).</summary>
    void AfterErase(WriteContext w, MessageChange change) { }
}

/// <summary>The conversation as the writing member sees it: enough for steps to apply its rules.</summary>
public sealed record ConversationFacts(long Id, int MemberCount, bool WriterIsManager);

/// <summary>A new message on its way into the log.</summary>
public sealed class MessageDraft(ConversationFacts conversation, long senderId, string text, long seq, long[] fileIds)
{
    public ConversationFacts Conversation { get; } = conversation;
    public long SenderId { get; } = senderId;
    public string Text { get; } = text;
    public long Seq { get; } = seq;
    public long[] FileIds { get; } = fileIds;

    /// <summary>The thread the message replies to (its root), or null in the main timeline.</summary>
    public long? ThreadRootId { get; init; }

    /// <summary>A forward of another message rather than something the sender composed here.</summary>
    public bool Forwarded { get; init; }

    public long Id { get; internal set; }
    public long[] Mentions { get; set; } = [];
    public bool MentionsAll { get; set; }

    /// <summary>Files attached by a step, for the message's wire form.</summary>
    public IReadOnlyList<FileDto> Files { get; set; } = [];
}

/// <summary>
/// An existing message whose text changed (edited: <see cref="NewText"/>; erased: empty), with the text it had before,
/// who changed it (the sender, or a conversation manager or compliance reviewer deleting it) and, for an erase,
/// whether the sender recalled it.
/// </summary>
public sealed record MessageChange(ConversationFacts Conversation, long MessageId, long Seq, long SenderId, string NewText)
{
    public string PreviousText { get; init; } = "";
    public long ActorId { get; init; }
    public bool Recalled { get; init; }

    /// <summary>Erased by a retention purge: the content must go everywhere, earlier versions included.</summary>
    public bool Purged { get; init; }
}

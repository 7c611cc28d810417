using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Files;
using Parley.Server.Features.Messages;
using Parley.Server.Storage;

namespace Parley.Server.Features.Bundles;

/// <summary>
/// Takes a bundle's snapshot inside the write that inserts the bundle message: the forwarded messages as they are at
/// that moment (sender's id and display name, text, time, files by reference, nested bundles copied whole). Later edits,
/// recalls or deletions in the source change nothing here, and readers of the bundle never need the source.
/// </summary>
public static class BundleSnapshot
{
    /// <summary>Messages one merge-forward may name.</summary>
    public const int MaxMessages = 100;

    /// <summary>Nodes in one snapshot, nested bundles included: bounds the write (one writer thread) and the transcript.</summary>
    public const int MaxNodes = 1000;

    /// <summary>File references in one snapshot, nested bundles included.</summary>
    public const int MaxFiles = 500;

    /// <summary>
    /// Snapshots <paramref name="messageIds"/> of <paramref name="sourceId"/> into the new message <paramref name="bundleMessageId"/>.
    /// The forwarder must be a member of the source (404 otherwise, as if it did not exist); every id must name a live
    /// message of that conversation (400, the same answer whatever the reason, so ids of other conversations reveal nothing).
    /// </summary>
    public static BundleDto Take(WriteContext w, long userId, long sourceId, long[] messageIds, long bundleMessageId)
    {
        var source = ConversationService.RequireMember(w, userId, sourceId);
        var messages = messageIds.Select(id => MessageStore.Get(w, id)).ToList();
        if (messages.Any(m => m is null || m.ConversationId != sourceId || m.DeletedAt is not null || m.RecalledAt is not null || m.PurgedAt is not null))
            throw ParleyException.Invalid("messageIds", "messageIds must name live messages of the source conversation.");
        var ordered = messages.OfType<MessageRecord>().OrderBy(m => m.Seq).ToList();
        var budget = new Budget();
        var root = Node(w, bundleMessageId, null, 0, userId, "", "", w.NowMs, source.Kind, TitleNames(w, source), ordered.Count, budget);
        var names = DisplayNames(w, ordered.Select(m => m.SenderId));
        for (var i = 0; i < ordered.Count; i++)
        {
            var m = ordered[i];
            var nested = BundleStore.SummaryOf(w, m.Id);
            var itemId = Node(w, bundleMessageId, root, i, m.SenderId, names.GetValueOrDefault(m.SenderId, ""), m.Text, m.CreatedAt,
                nested?.SourceKind, nested is null ? null : JsonSerializer.Serialize(nested.TitleNames), nested?.ItemCount ?? 0, budget);
            var position = 0;
            foreach (var f in FileStore.OfMessage(w, m.Id)) AddFile(w, itemId, bundleMessageId, f.Id, position++, budget);
            if (nested is not null) CopyChildren(w, m.Id, bundleMessageId, itemId, budget);
        }
        return BundleStore.SummaryOf(w, bundleMessageId)!;
    }

    /// <summary>The single-forward of a bundle message: the new message carries the same snapshot (re-forward). Null when the source is no bundle.</summary>
    public static BundleDto? Copy(WriteContext w, long sourceMessageId, long bundleMessageId)
    {
        var tree = BundleStore.TreeOf(w, sourceMessageId);
        var root = tree.FirstOrDefault(n => n.ParentId is null);
        if (root is null) return null;
        var budget = new Budget();
        var newRoot = Node(w, bundleMessageId, null, 0, root.SenderId, root.SenderName, root.Text, root.SentAt, root.TitleKind, root.TitleNames, root.ItemCount, budget);
        CopyChildren(w, sourceMessageId, bundleMessageId, newRoot, budget, tree);
        return BundleStore.SummaryOf(w, bundleMessageId);
    }

    /// <summary>Copies the items under the source message's root (and everything below them) under <paramref name="newParent"/>.</summary>
    private static void CopyChildren(WriteContext w, long sourceMessageId, long bundleMessageId, long newParent, Budget budget, IReadOnlyList<BundleNode>? tree = null)
    {
        tree ??= BundleStore.TreeOf(w, sourceMessageId);
        var children = tree.ToLookup(n => n.ParentId);
        var files = BundleStore.FilesOf(w, sourceMessageId).ToLookup(f => f.ItemId);
        var root = tree.First(n => n.ParentId is null);
        var pending = new Queue<(long OldParent, long NewParent)>([(root.Id, newParent)]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var n in children[next.OldParent].OrderBy(n => n.Position))
            {
                var id = Node(w, bundleMessageId, next.NewParent, n.Position, n.SenderId, n.SenderName, n.Text, n.SentAt, n.TitleKind, n.TitleNames, n.ItemCount, budget);
                foreach (var f in files[n.Id]) AddFile(w, id, bundleMessageId, f.FileId, f.Position, budget);
                if (n.IsBundle) pending.Enqueue((n.Id, id));
            }
        }
    }

    private sealed class Budget
    {
        public int Nodes;
        public int Files;
    }

    private static long Node(WriteContext w, long messageId, long? parentId, long position, long senderId, string senderName, string text,
        long sentAt, string? titleKind, string? titleNames, long itemCount, Budget budget)
    {
        if (++budget.Nodes > MaxNodes)
            throw new ParleyException(400, ErrorCodes.BundleTooLarge, $"A forwarded bundle may hold at most {MaxNodes} messages, nested bundles included.");
        return BundleStore.InsertNode(w, messageId, parentId, position, senderId, senderName, text, sentAt, titleKind, titleNames, itemCount);
    }

    private static void AddFile(WriteContext w, long itemId, long messageId, long fileId, long position, Budget budget)
    {
        if (++budget.Files > MaxFiles)
            throw new ParleyException(400, ErrorCodes.BundleTooLarge, $"A forwarded bundle may carry at most {MaxFiles} files, nested bundles included.");
        BundleStore.InsertFile(w, itemId, messageId, fileId, position);
    }

    /// <summary>The title's parts: both people of a direct conversation (by user id, so the order is stable), or the group's name.</summary>
    private static string TitleNames(WriteContext w, ConversationRecord source)
    {
        if (source.Kind != ConversationKinds.Direct) return JsonSerializer.Serialize(string.IsNullOrWhiteSpace(source.Name) ? [] : new[] { source.Name });
        var people = w.Connection.Query<string>(
            "SELECT u.display_name FROM members m JOIN users u ON u.id = m.user_id WHERE m.conversation_id = @id ORDER BY m.user_id LIMIT 2",
            new { id = source.Id }, w.Transaction).ToArray();
        return JsonSerializer.Serialize(people);
    }

    private static Dictionary<long, string> DisplayNames(WriteContext w, IEnumerable<long> ids)
    {
        var list = ids.Distinct().ToList();
        return w.Connection.Query<(long Id, string Name)>($"SELECT id, display_name FROM users WHERE {Sql.In(w.Connection, "id", "ids")}",
            new { ids = Sql.List(w.Connection, list) }, w.Transaction).ToDictionary(u => u.Id, u => u.Name);
    }
}

using System.Data.Common;
using Dapper;
using Parley.Contracts;
using Parley.Server.Features.Files;
using Parley.Server.Storage;

namespace Parley.Server.Features.Bundles;

/// <summary>SQL for bundle snapshots (<c>bundle_items</c>, <c>bundle_files</c>). Reads open their own connection; writes run inside the writer's transaction.</summary>
public sealed class BundleStore(Database database)
{
    private const string Columns = """
        b.id, b.message_id AS MessageId, b.parent_id AS ParentId, b.position, b.sender_id AS SenderId, b.sender_name AS SenderName,
        b.text, b.sent_at AS SentAt, b.title_kind AS TitleKind, b.title_names AS TitleNames, b.item_count AS ItemCount,
        (SELECT count(*) FROM bundle_files bf WHERE bf.item_id = b.id) AS FileCount
        """;

    private const string FileColumns = """
        bf.item_id AS ItemId, bf.file_id AS FileId, bf.position, f.name, f.size, f.content_type AS ContentType, f.width, f.height, f.thumb_key AS ThumbKey
        """;

    /// <summary>The card summaries of these messages (those that are bundles), in two queries for a whole page.</summary>
    public async Task<IReadOnlyDictionary<long, BundleDto>> SummariesAsync(IReadOnlyCollection<long> messageIds)
    {
        if (messageIds.Count == 0) return new Dictionary<long, BundleDto>();
        await using var c = await database.OpenAsync();
        return Summaries(c, null, messageIds);
    }

    /// <summary>A node of the message's snapshot: its root, or the nested bundle item <paramref name="itemId"/>; null when there is none.</summary>
    public async Task<BundleNode?> NodeAsync(long messageId, long? itemId)
    {
        await using var c = await database.OpenAsync();
        return itemId is { } id
            ? await c.QuerySingleOrDefaultAsync<BundleNode>($"SELECT {Columns} FROM bundle_items b WHERE b.id = @id AND b.message_id = @messageId AND b.title_kind IS NOT NULL", new { id, messageId })
            : await c.QuerySingleOrDefaultAsync<BundleNode>($"SELECT {Columns} FROM bundle_items b WHERE b.message_id = @messageId AND b.parent_id IS NULL", new { messageId });
    }

    /// <summary>The items of a node in order, their files, and the summaries of the items that are bundles themselves.</summary>
    public async Task<IReadOnlyList<BundleItemDto>> ItemsAsync(BundleNode node)
    {
        await using var c = await database.OpenAsync();
        var items = Children(c, null, [node.Id]);
        var ids = items.Select(i => i.Id).ToList();
        var files = ids.Count == 0 ? Array.Empty<BundleFileRow>().ToLookup(f => f.ItemId) : (await c.QueryAsync<BundleFileRow>(
            $"SELECT {FileColumns} FROM bundle_files bf JOIN files f ON f.id = bf.file_id WHERE {Sql.In(c, "bf.item_id", "ids")}",
            new { ids = Sql.List(c, ids) })).ToLookup(f => f.ItemId);
        var nested = items.Where(i => i.IsBundle).ToList();
        var previews = nested.Count == 0 ? [] : Children(c, null, [.. nested.Select(n => n.Id)], BundleViews.PreviewLines);
        var byParent = previews.ToLookup(p => p.ParentId);
        return items.Select(i => BundleViews.Item(i, files[i.Id], i.IsBundle ? BundleViews.Summary(i, byParent[i.Id]) : null)).ToList();
    }

    /// <summary>A file of the message's snapshot with its blob key (its own message may be gone: the reference keeps it); null if the snapshot has no such file.</summary>
    public async Task<FileRecord?> FileAsync(long messageId, long fileId)
    {
        await using var c = await database.OpenAsync();
        return await c.QueryFirstOrDefaultAsync<FileRecord>(
            $"SELECT {FileStore.Columns} FROM files f WHERE f.id = @fileId AND EXISTS (SELECT 1 FROM bundle_files bf WHERE bf.message_id = @messageId AND bf.file_id = @fileId)",
            new { messageId, fileId });
    }

    /// <summary>
    /// The snapshots of these messages flattened for the e-discovery export: each item with its depth (1 = forwarded
    /// directly, 2 = inside a nested bundle …), in transcript order, with its files' names and ids.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<BundleExportItem>>> ExportAsync(IReadOnlyCollection<long> messageIds)
    {
        if (messageIds.Count == 0) return new Dictionary<long, IReadOnlyList<BundleExportItem>>();
        await using var c = await database.OpenAsync();
        var args = new { ids = Sql.List(c, messageIds) };
        var nodes = (await c.QueryAsync<BundleNode>($"SELECT {Columns} FROM bundle_items b WHERE {Sql.In(c, "b.message_id", "ids")}", args)).AsList();
        if (nodes.Count == 0) return new Dictionary<long, IReadOnlyList<BundleExportItem>>();
        var files = (await c.QueryAsync<BundleFileRow>(
            $"SELECT {FileColumns} FROM bundle_files bf JOIN files f ON f.id = bf.file_id WHERE {Sql.In(c, "bf.message_id", "ids")}", args)).ToLookup(f => f.ItemId);
        var children = nodes.ToLookup(n => n.ParentId);
        var result = new Dictionary<long, IReadOnlyList<BundleExportItem>>();
        foreach (var root in nodes.Where(n => n.ParentId is null))
        {
            var flat = new List<BundleExportItem>();
            void Walk(long parent, int depth)
            {
                foreach (var n in children[parent].OrderBy(n => n.Position))
                {
                    flat.Add(new BundleExportItem(depth, n.SenderId, n.SenderName, Common.UnixMs.To(n.SentAt), n.Text,
                        n.IsBundle ? n.Names : null, [.. files[n.Id].OrderBy(f => f.Position).Select(f => f.ToDto())]));
                    if (n.IsBundle) Walk(n.Id, depth + 1);
                }
            }
            Walk(root.Id, 1);
            result[root.MessageId] = flat;
        }
        return result;
    }

    // ---- writes (inside the writer's transaction) ----

    public static BundleDto? SummaryOf(WriteContext w, long messageId) => Summaries(w.Connection, w.Transaction, [messageId]).GetValueOrDefault(messageId);

    /// <summary>Every node of a message's snapshot, for copying it into another bundle.</summary>
    public static IReadOnlyList<BundleNode> TreeOf(WriteContext w, long messageId) =>
        w.Connection.Query<BundleNode>($"SELECT {Columns} FROM bundle_items b WHERE b.message_id = @messageId ORDER BY b.id", new { messageId }, w.Transaction).AsList();

    public static IReadOnlyList<(long ItemId, long FileId, long Position)> FilesOf(WriteContext w, long messageId) =>
        w.Connection.Query<(long, long, long)>("SELECT item_id, file_id, position FROM bundle_files WHERE message_id = @messageId", new { messageId }, w.Transaction).AsList();

    public static long InsertNode(WriteContext w, long messageId, long? parentId, long position, long senderId, string senderName, string text,
        long sentAt, string? titleKind, string? titleNames, long itemCount) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO bundle_items(message_id, parent_id, position, sender_id, sender_name, text, sent_at, title_kind, title_names, item_count)
            VALUES (@messageId, @parentId, @position, @senderId, @senderName, @text, @sentAt, @titleKind, @titleNames, @itemCount) RETURNING id
            """, new { messageId, parentId, position, senderId, senderName, text, sentAt, titleKind, titleNames, itemCount }, w.Transaction);

    public static void InsertFile(WriteContext w, long itemId, long messageId, long fileId, long position) =>
        w.Connection.Execute("INSERT INTO bundle_files(item_id, message_id, file_id, position) VALUES (@itemId, @messageId, @fileId, @position)",
            new { itemId, messageId, fileId, position }, w.Transaction);

    /// <summary>Removes the snapshots owned by these messages (erase, retention purge); their file references go with them.</summary>
    public static int Remove(WriteContext w, IReadOnlyCollection<long> messageIds)
    {
        if (messageIds.Count == 0) return 0;
        var args = new { ids = Sql.List(w.Connection, messageIds) };
        w.Connection.Execute($"DELETE FROM bundle_files WHERE {Sql.In(w.Connection, "message_id", "ids")}", args, w.Transaction);
        return w.Connection.Execute($"DELETE FROM bundle_items WHERE {Sql.In(w.Connection, "message_id", "ids")}", args, w.Transaction);
    }

    private static Dictionary<long, BundleDto> Summaries(DbConnection c, DbTransaction? tx, IReadOnlyCollection<long> messageIds)
    {
        var roots = c.Query<BundleNode>($"SELECT {Columns} FROM bundle_items b WHERE b.parent_id IS NULL AND {Sql.In(c, "b.message_id", "ids")}",
            new { ids = Sql.List(c, messageIds) }, tx).AsList();
        if (roots.Count == 0) return [];
        var previews = Children(c, tx, [.. roots.Select(r => r.Id)], BundleViews.PreviewLines).ToLookup(p => p.ParentId);
        return roots.ToDictionary(r => r.MessageId, r => BundleViews.Summary(r, previews[r.Id]));
    }

    private static List<BundleNode> Children(DbConnection c, DbTransaction? tx, IReadOnlyCollection<long> parentIds, int? firstN = null) =>
        c.Query<BundleNode>(
            $"SELECT {Columns} FROM bundle_items b WHERE {Sql.In(c, "b.parent_id", "ids")} AND (@firstN IS NULL OR b.position < @firstN) ORDER BY b.parent_id, b.position",
            new { ids = Sql.List(c, parentIds), firstN }, tx).AsList();
}

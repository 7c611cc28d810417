using System.Data.Common;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Files;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.Export;

/// <summary>
/// Writes one e-discovery export as a zip: <c>messages.jsonl</c> (one line per message, every version), the files of
/// those messages under <c>files/</c>, a readable transcript per conversation under <c>transcripts/</c>, and
/// <c>manifest.json</c> with the request and the size and SHA-256 of every other entry. Messages are read a page at a
/// time in (conversation, seq) order, so memory stays bounded by one conversation's transcript.
/// </summary>
public sealed class ExportWriter(Database database, ArchiveService archive, IBlobStore blobs)
{
    public const int PageSize = 500;

    public sealed record Result(int Messages, int Files);

    private sealed record Entry(string Path, long Bytes, string Sha256);

    private sealed record MessageRef(long Id, long ConversationId, long Seq, long? PurgedAt);

    private sealed record FileRow(long Id, string Name, long Size, string ContentType, string BlobKey, long? MessageId);

    /// <param name="progress">Called after each page with (total, messages, files); false stops the export (taken over elsewhere).</param>
    public async Task<Result> WriteAsync(ExportStore.Row export, Stream output, Func<long, long, long, Task<bool>> progress, CancellationToken cancellationToken)
    {
        var entries = new List<Entry>();
        var missing = new List<long>();
        var filesOfMessages = new List<long>();
        var users = new Dictionary<long, (string Username, string DisplayName)>();
        var fileNames = new Dictionary<long, (string Name, string Path)>();
        await using var c = await database.OpenAsync(cancellationToken);
        var (where, args) = Filter(c, export);
        var total = await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM messages m WHERE {where}", args);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);

        // Messages (jsonl) and transcripts, a page at a time.
        var jsonl = zip.CreateEntry("messages.jsonl", CompressionLevel.Optimal);
        ExportTranscript? transcript = null;
        var transcripts = new List<(string Path, byte[] Html)>();
        long conversation = 0, written = 0;
        string? conversationName = null;
        await using (var raw = await jsonl.OpenAsync(cancellationToken))
        await using (var lines = new HashingStream(raw))
        {
            (long Conversation, long Seq) after = (0, 0);
            while (true)
            {
                var page = (await c.QueryAsync<MessageRef>(
                    $"""
                    SELECT m.id, m.conversation_id AS ConversationId, m.seq, m.purged_at AS PurgedAt FROM messages m
                    WHERE {where} AND (m.conversation_id > @afterConversation OR (m.conversation_id = @afterConversation AND m.seq > @afterSeq))
                    ORDER BY m.conversation_id, m.seq LIMIT {PageSize}
                    """, Merge(args, new { afterConversation = after.Conversation, afterSeq = after.Seq }))).AsList();
                if (page.Count == 0) break;
                var messages = await archive.MessagesAsync(page.Select(p => p.Id).ToList());
                await LoadUsersAsync(c, users, messages.Values.SelectMany(m => m.History.Select(v => v.ActorId ?? 0).Append(m.SenderId)));
                await LoadFilesAsync(c, fileNames, messages.Values.SelectMany(m => m.FileIds));
                foreach (var r in page)
                {
                    if (r.ConversationId != conversation)
                    {
                        if (transcript is not null) transcripts.Add(($"transcripts/{conversation}.html", transcript.ToBytes()));
                        conversation = r.ConversationId;
                        conversationName = await c.ExecuteScalarAsync<string?>("SELECT name FROM conversations WHERE id = @conversation", new { conversation });
                        transcript = new ExportTranscript(export.Language, conversation, conversationName, UnixMs.To(export.FromAt), UnixMs.To(export.ToAt));
                    }
                    var m = messages[r.Id];
                    var sender = users.TryGetValue(m.SenderId, out var known) ? known : (Username: $"#{m.SenderId}", DisplayName: $"#{m.SenderId}");
                    var files = m.FileIds.Select(id => fileNames.TryGetValue(id, out var f) ? (id, f.Name, (string?)f.Path) : (id, $"#{id}", null)).ToList();
                    filesOfMessages.AddRange(m.FileIds);
                    var line = JsonSerializer.SerializeToUtf8Bytes(new
                    {
                        conversationId = r.ConversationId, conversationName, seq = r.Seq, senderUsername = sender.Username, senderName = sender.DisplayName,
                        purgedAt = UnixMs.To(r.PurgedAt), message = m, files = files.Select(f => new { id = f.Item1, name = f.Item2, path = f.Item3 }),
                    }, JsonDefaults.Options);
                    await lines.WriteAsync(line, cancellationToken);
                    await lines.WriteAsync("\n"u8.ToArray(), cancellationToken);
                    transcript!.Add(m, $"{sender.DisplayName} (@{sender.Username})", files, r.PurgedAt is not null);
                    written++;
                }
                after = (page[^1].ConversationId, page[^1].Seq);
                if (!await progress(total, written, 0)) throw new OperationCanceledException("The export was taken over by another node.");
            }
            await lines.FlushAsync(cancellationToken);
            entries.Add(new Entry("messages.jsonl", lines.Written, lines.Sha256()));
        }
        if (transcript is not null) transcripts.Add(($"transcripts/{conversation}.html", transcript.ToBytes()));
        foreach (var (path, html) in transcripts) entries.Add(await AddAsync(zip, path, html, cancellationToken));

        // The files' bytes, as they are stored (a file whose bytes are gone is listed as missing in the manifest).
        var fileCount = 0;
        foreach (var id in filesOfMessages.Distinct())
        {
            if (!fileNames.TryGetValue(id, out var f) || await FileRowAsync(c, id) is not { } row) { missing.Add(id); continue; }
            await using var source = await blobs.OpenReadAsync(row.BlobKey, 0, row.Size, cancellationToken);
            if (source is null) { missing.Add(id); continue; }
            var entry = zip.CreateEntry(f.Path, CompressionLevel.Fastest);
            await using (var raw = await entry.OpenAsync(cancellationToken))
            await using (var hashing = new HashingStream(raw))
            {
                await source.CopyToAsync(hashing, cancellationToken);
                await hashing.FlushAsync(cancellationToken);
                entries.Add(new Entry(f.Path, hashing.Written, hashing.Sha256()));
            }
            fileCount++;
            if (fileCount % 20 == 0 && !await progress(total, written, fileCount)) throw new OperationCanceledException("The export was taken over by another node.");
        }

        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            format = "parley-export/1", exportId = export.Id, requestedBy = export.RequestedBy, createdAt = UnixMs.To(export.CreatedAt),
            from = UnixMs.To(export.FromAt), to = UnixMs.To(export.ToAt), userIds = export.UserIdList, conversationIds = export.ConversationIdList,
            language = export.Language, messages = written, files = fileCount, missingFiles = missing,
            entries = entries.Select(e => new { path = e.Path, bytes = e.Bytes, sha256 = e.Sha256 }),
        }, new JsonSerializerOptions(JsonDefaults.Options) { WriteIndented = true });
        await AddAsync(zip, "manifest.json", manifest, cancellationToken);
        await progress(total, written, fileCount);
        return new Result((int)written, fileCount);
    }

    private static (string Where, DynamicParameters Args) Filter(DbConnection c, ExportStore.Row export)
    {
        var args = new DynamicParameters(new { from = export.FromAt, to = export.ToAt });
        var where = "m.created_at >= @from AND m.created_at < @to";
        if (export.UserIdList is { } users)
        {
            where += $" AND {Sql.In(c, "m.sender_id", "users")}";
            args.Add("users", Sql.List(c, users));
        }
        if (export.ConversationIdList is { } conversations)
        {
            where += $" AND {Sql.In(c, "m.conversation_id", "conversations")}";
            args.Add("conversations", Sql.List(c, conversations));
        }
        return (where, args);
    }

    private static DynamicParameters Merge(DynamicParameters args, object more)
    {
        var merged = new DynamicParameters(args);
        merged.AddDynamicParams(more);
        return merged;
    }

    private static async Task LoadUsersAsync(DbConnection c, Dictionary<long, (string Username, string DisplayName)> users, IEnumerable<long> ids)
    {
        var wanted = ids.Where(id => id > 0 && !users.ContainsKey(id)).Distinct().ToList();
        if (wanted.Count == 0) return;
        foreach (var (id, username, displayName) in await c.QueryAsync<(long, string, string)>(
                     $"SELECT id, username, display_name FROM users WHERE {Sql.In(c, "id", "ids")}", new { ids = Sql.List(c, wanted) }))
            users[id] = (username, displayName);
    }

    private static async Task LoadFilesAsync(DbConnection c, Dictionary<long, (string Name, string Path)> names, IEnumerable<long> ids)
    {
        var wanted = ids.Where(id => !names.ContainsKey(id)).Distinct().ToList();
        if (wanted.Count == 0) return;
        foreach (var (id, name) in await c.QueryAsync<(long, string)>($"SELECT id, name FROM files WHERE {Sql.In(c, "id", "ids")}", new { ids = Sql.List(c, wanted) }))
            names[id] = (name, $"files/{id}-{SafeName(name)}");
    }

    private static Task<FileRow?> FileRowAsync(DbConnection c, long id) =>
        c.QuerySingleOrDefaultAsync<FileRow?>(
            "SELECT id, name, size, content_type AS ContentType, blob_key AS BlobKey, message_id AS MessageId FROM files WHERE id = @id", new { id });

    /// <summary>A file name safe as one zip path segment (no folders, no control characters).</summary>
    internal static string SafeName(string name)
    {
        var safe = new string([.. name.Select(ch => ch is '/' or '\\' or ':' || char.IsControl(ch) ? '_' : ch)]).Trim('.', ' ');
        return safe.Length == 0 ? "file" : safe.Length > 120 ? safe[..120] : safe;
    }

    private static async Task<Entry> AddAsync(ZipArchive zip, string path, byte[] content, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        await using var raw = await entry.OpenAsync(cancellationToken);
        await using var hashing = new HashingStream(raw);
        await hashing.WriteAsync(content, cancellationToken);
        return new Entry(path, hashing.Written, hashing.Sha256());
    }
}

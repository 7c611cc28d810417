using System.Data.Common;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
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
public sealed class ExportWriter(Database database, ArchiveService archive, FileStore fileStore, IBlobStore blobs, Bundles.BundleStore bundles)
{
    public const int PageSize = 500;

    public sealed record Result(int Messages, int Files);

    private sealed record Entry(string Path, long Bytes, string Sha256);

    /// <param name="progress">Called after each page with (total, messages, files); false stops the export (taken over elsewhere).</param>
    public async Task<Result> WriteAsync(ExportStore.Row export, Stream output, Func<long, long, long, Task<bool>> progress, CancellationToken cancellationToken)
    {
        var entries = new List<Entry>();
        var missing = new List<long>();
        var filesOfMessages = new List<long>();
        var users = new Dictionary<long, (string Username, string DisplayName)>();
        var stored = new Dictionary<long, (FileRecord File, string Path)>();
        await using var c = await database.OpenAsync(cancellationToken);
        var total = await ExportStore.CountAsync(c, export);
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
                var page = await ExportStore.PageAsync(c, export, after.Conversation, after.Seq, PageSize);
                if (page.Count == 0) break;
                var ids = page.Select(p => p.Id).ToList();
                var messages = await archive.MessagesAsync(ids);
                var bundled = await bundles.ExportAsync(ids); // merge-forwarded snapshots, text only (their files stay with their own messages)
                await LoadUsersAsync(c, users, messages.Values.SelectMany(m => m.History.Select(v => v.ActorId ?? 0).Append(m.SenderId)));
                foreach (var f in (await fileStore.ForMessagesAsync(ids, includeHidden: true)).SelectMany(g => g))
                    stored[f.Id] = (f, $"files/{f.Id}-{SafeName(f.Name)}");
                foreach (var r in page)
                {
                    if (r.ConversationId != conversation)
                    {
                        if (transcript is not null) transcripts.Add(($"transcripts/{conversation}.html", transcript.ToBytes()));
                        conversation = r.ConversationId;
                        conversationName = await ExportStore.ConversationNameAsync(c, conversation);
                        transcript = new ExportTranscript(export.Language, conversation, conversationName, UnixMs.To(export.FromAt), UnixMs.To(export.ToAt));
                    }
                    var m = messages[r.Id];
                    var sender = users.TryGetValue(m.SenderId, out var known) ? known : (Username: $"#{m.SenderId}", DisplayName: $"#{m.SenderId}");
                    var files = m.FileIds.Select(id => stored.TryGetValue(id, out var f) ? (id, f.File.Name, (string?)f.Path) : (id, $"#{id}", null)).ToList();
                    filesOfMessages.AddRange(m.FileIds);
                    var line = JsonSerializer.SerializeToUtf8Bytes(new
                    {
                        conversationId = r.ConversationId, conversationName, seq = r.Seq, senderUsername = sender.Username, senderName = sender.DisplayName,
                        purgedAt = UnixMs.To(r.PurgedAt), message = m, files = files.Select(f => new { id = f.Item1, name = f.Item2, path = f.Item3 }),
                        bundle = bundled.GetValueOrDefault(r.Id),
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
            if (!stored.TryGetValue(id, out var f)) { missing.Add(id); continue; }
            await using var source = await blobs.OpenReadAsync(f.File.BlobKey, 0, f.File.Size, cancellationToken);
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

    private static async Task LoadUsersAsync(DbConnection c, Dictionary<long, (string Username, string DisplayName)> users, IEnumerable<long> ids)
    {
        foreach (var (id, username, displayName) in await ExportStore.UsersAsync(c, [.. ids.Where(id => id > 0 && !users.ContainsKey(id)).Distinct()]))
            users[id] = (username, displayName);
    }

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

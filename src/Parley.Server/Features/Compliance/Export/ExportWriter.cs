using System.Data.Common;
using System.IO.Compression;
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

    /// <param name="progress">Called after each page with (total, messages, files); false stops the export (taken over elsewhere).</param>
    public async Task<Result> WriteAsync(ExportStore.Row export, Stream output, Func<long, long, long, Task<bool>> progress, CancellationToken cancellationToken)
    {
        var filesOfMessages = new List<long>();
        var users = new Dictionary<long, (string Username, string DisplayName)>();
        var stored = new Dictionary<long, (FileRecord File, string Path)>();
        await using var c = await database.OpenAsync(cancellationToken);
        var total = await ExportStore.CountAsync(c, export);
        using var zip = new ExportZip(output);

        // Messages (jsonl) and transcripts, a page at a time.
        ExportTranscript? transcript = null;
        var transcripts = new List<(string Path, byte[] Html)>();
        long conversation = 0, written = 0;
        string? conversationName = null;
        await zip.WriteAsync("messages.jsonl", CompressionLevel.Optimal, async lines =>
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
                    stored[f.Id] = (f, FilePath(f));
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
                    await ExportZip.WriteLineAsync(lines, new
                    {
                        conversationId = r.ConversationId, conversationName, seq = r.Seq, senderUsername = sender.Username, senderName = sender.DisplayName,
                        purgedAt = UnixMs.To(r.PurgedAt), message = m, files = files.Select(f => new { id = f.Item1, name = f.Item2, path = f.Item3 }),
                        bundle = bundled.GetValueOrDefault(r.Id),
                    }, cancellationToken);
                    transcript!.Add(m, $"{sender.DisplayName} (@{sender.Username})", files, r.PurgedAt is not null);
                    written++;
                }
                after = (page[^1].ConversationId, page[^1].Seq);
                if (!await progress(total, written, 0)) throw new OperationCanceledException("The export was taken over by another node.");
            }
        }, cancellationToken);
        if (transcript is not null) transcripts.Add(($"transcripts/{conversation}.html", transcript.ToBytes()));
        foreach (var (path, html) in transcripts) await zip.AddAsync(path, html, cancellationToken);

        // The files' bytes, as they are stored (a file whose bytes are gone is listed as missing in the manifest).
        var (fileCount, missing) = await AddFilesAsync(zip, blobs, filesOfMessages.Distinct().Select(id => (id, stored.TryGetValue(id, out var f) ? f : default)),
            n => progress(total, written, n), cancellationToken);

        await zip.AddManifestAsync(new
        {
            format = "parley-export/1", exportId = export.Id, requestedBy = export.RequestedBy, createdAt = UnixMs.To(export.CreatedAt),
            from = UnixMs.To(export.FromAt), to = UnixMs.To(export.ToAt), userIds = export.UserIdList, conversationIds = export.ConversationIdList,
            language = export.Language, messages = written, files = fileCount, missingFiles = missing, entries = zip.ManifestEntries,
        }, cancellationToken);
        await progress(total, written, fileCount);
        return new Result((int)written, fileCount);
    }

    /// <summary>The zip path of a file's bytes.</summary>
    internal static string FilePath(FileRecord f) => $"files/{f.Id}-{SafeName(f.Name)}";

    /// <summary>
    /// Copies stored files into the zip under their paths; a file without a row (default) or whose bytes are gone is
    /// missing. <paramref name="progress"/> is told the count every 20 files; false stops the export.
    /// </summary>
    internal static async Task<(int Files, List<long> Missing)> AddFilesAsync(ExportZip zip, IBlobStore blobs, IEnumerable<(long Id, (FileRecord File, string Path) Stored)> files,
        Func<int, Task<bool>> progress, CancellationToken cancellationToken)
    {
        var count = 0;
        var missing = new List<long>();
        foreach (var (id, (file, path)) in files)
        {
            await using var source = file is null ? null : await blobs.OpenReadAsync(file.BlobKey, 0, file.Size, cancellationToken);
            if (source is null) { missing.Add(id); continue; }
            await zip.CopyAsync(path, source, cancellationToken);
            count++;
            if (count % 20 == 0 && !await progress(count)) throw new OperationCanceledException("The export was taken over by another node.");
        }
        return (count, missing);
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
}

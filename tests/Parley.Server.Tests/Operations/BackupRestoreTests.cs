using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Operations;

/// <summary>
/// `parley backup` against the real server process while senders write, then `parley restore` into a new folder and a
/// server started on it: every message acknowledged before the backup started is there exactly once, and the files'
/// bytes match. Runs on SQLite, and on PostgreSQL (pg_dump / pg_restore) when the suite runs there.
/// </summary>
[Collection("processes")]
public class BackupRestoreTests
{
    private sealed record Acked(string ClientMsgId, DateTime At);

    [Fact]
    public async Task Backup_WhileSendersRun_RestoredServerHasEveryEarlierAcknowledgedMessageOnce_AndTheFiles()
    {
        await using var server = new ServerProcess();
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var setup = await http.PostAsJsonAsync("/api/v1/setup", new SetupRequest("admin", TestServer.AdminPassword, null));
        var token = (await setup.Content.ReadFromJsonAsync<LoginResponse>())!.Token;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var room = (await (await http.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest("channel", "backed-up", null, null))).Content.ReadFromJsonAsync<ConversationDto>())!;
        var blob = FileClient.RandomBytes(300_000, seed: 19);
        var uploaded = (await (await http.PostAsync("/api/v1/files", FileClient.Multipart(blob, "report.bin"))).Content.ReadFromJsonAsync<FileDto>())!;
        (await http.PostAsJsonAsync($"/api/v1/conversations/{room.Id}/messages", new SendMessageRequest("the report", "file-msg", null, null, [uploaded.Id]))).EnsureSuccessStatusCode();

        var acked = new ConcurrentBag<Acked>();
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 3).Select(s => Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"s{s}-{i}";
                using var res = await client.PostAsJsonAsync($"/api/v1/conversations/{room.Id}/messages", new SendMessageRequest("message " + id, id, null, null));
                res.EnsureSuccessStatusCode();
                acked.Add(new Acked(id, DateTime.UtcNow));
            }
        })).ToArray();

        while (acked.Count < 100) await Task.Delay(20);
        var archive = Path.Combine(Path.GetTempPath(), "parley-tests", "backup-" + Guid.NewGuid().ToString("N") + ".tar.gz");
        var backupStarted = DateTime.UtcNow;
        var before = acked.Where(a => a.At < backupStarted).Select(a => a.ClientMsgId).ToList();
        var backup = await ParleyCommand.RunAsync(server.Database, "backup", "--output", archive, "--data", server.DataDirectory);
        var whileBackingUp = acked.Count - before.Count;
        await stop.CancelAsync();
        await Task.WhenAll(senders);
        Assert.True(backup.Exit == 0, backup.Err + backup.Out);
        Assert.Contains("written to", backup.Out, StringComparison.Ordinal);
        Assert.True(whileBackingUp > 0, "senders must have kept writing while the backup ran");

        var restoredDir = Path.Combine(Path.GetTempPath(), "parley-tests", "restored-" + Guid.NewGuid().ToString("N"));
        await using var restoredDb = await TestDatabase.CreateAsync(restoredDir, fresh: true); // restore wants an empty folder and database
        var restore = await ParleyCommand.RunAsync(restoredDb, "restore", "--input", archive, "--data", restoredDir);
        Assert.True(restore.Exit == 0, restore.Err + restore.Out);

        await using var restored = new ServerProcess(restoredDb, new Dictionary<string, string>(), restoredDir);
        await restored.StartAsync();
        using var check = new HttpClient { BaseAddress = restored.BaseAddress };
        check.DefaultRequestHeaders.Authorization = new("Bearer", token); // sessions are data too: the same token works
        var all = new List<MessageDto>();
        for (long after = 0; ;)
        {
            var page = (await check.GetFromJsonAsync<ListResponse<MessageDto>>($"/api/v1/conversations/{room.Id}/messages?afterSeq={after}&limit=200"))!.Items;
            if (page.Count == 0) break;
            all.AddRange(page);
            after = page[^1].Seq;
        }
        var counts = all.Where(m => m.ClientMsgId is not null).GroupBy(m => m.ClientMsgId!).ToDictionary(g => g.Key, g => g.Count());
        var lost = before.Where(id => !counts.ContainsKey(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {before.Count} messages acknowledged before the backup started are missing after restore: {string.Join(", ", lost.Take(10))}");
        Assert.All(counts, kv => Assert.True(kv.Value == 1, $"{kv.Key} restored {kv.Value} times"));
        Assert.Equal(Enumerable.Range(0, all.Count).Select(i => all[0].Seq + i), all.Select(m => m.Seq)); // no gap, no torn transaction

        using var download = await check.GetAsync($"/api/v1/files/{uploaded.Id}");
        Assert.True(download.IsSuccessStatusCode, $"download after restore: {(int)download.StatusCode}");
        Assert.Equal(blob, await download.Content.ReadAsByteArrayAsync());
        File.Delete(archive);
    }

    [Fact]
    public async Task Restore_BadInputs_ExitTwoWithOneLine()
    {
        var root = Path.Combine(Path.GetTempPath(), "parley-tests", "bad-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);

        var missing = await ParleyCommand.RunAsync("restore", "--input", Path.Combine(root, "nope.tar.gz"), "--data", Path.Combine(root, "a"));
        AssertUserError(missing, "no such archive");

        // A real archive from a stopped server's data folder.
        var source = Path.Combine(root, "source");
        await using (var server = new ServerProcess(source))
        {
            await server.StartAsync();
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            (await http.PostAsJsonAsync("/api/v1/setup", new SetupRequest("admin", TestServer.AdminPassword, null))).EnsureSuccessStatusCode();
            var good = Path.Combine(root, "good.tar.gz");
            var made = await ParleyCommand.RunAsync(server.Database, "backup", "--output", good, "--data", source);
            Assert.True(made.Exit == 0, made.Err);

            var occupied = Path.Combine(root, "occupied");
            Directory.CreateDirectory(occupied);
            await File.WriteAllTextAsync(Path.Combine(occupied, "keep.txt"), "mine");
            AssertUserError(await ParleyCommand.RunAsync(server.Database, "restore", "--input", good, "--data", occupied), "not empty");
            Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(occupied, "keep.txt")));

            var truncated = Path.Combine(root, "truncated.tar.gz");
            var bytes = await File.ReadAllBytesAsync(good);
            await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
            AssertUserError(await ParleyCommand.RunAsync(server.Database, "restore", "--input", truncated, "--data", Path.Combine(root, "t")), "archive");
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "t")));

            // Entries intact as gzip and tar, but one altered after the manifest was written: the checksum catches it.
            var tampered = Path.Combine(root, "tampered.tar.gz");
            var database = TestDatabase.IsPostgres ? "parley.pgdump" : "parley.db";
            await RewriteAsync(good, tampered, (name, data) => name == database ? Flip(data) : data);
            AssertUserError(await ParleyCommand.RunAsync(server.Database, "restore", "--input", tampered, "--data", Path.Combine(root, "m")), "checksum mismatch for " + database);
            if (TestDatabase.IsPostgres) // the server's own database is not empty
                AssertUserError(await ParleyCommand.RunAsync(server.Database, "restore", "--input", good, "--data", Path.Combine(root, "p")), "is not empty");

            var noManifest = Path.Combine(root, "no-manifest.tar.gz");
            await RewriteAsync(good, noManifest, (name, data) => name == "manifest.json" ? null : data);
            AssertUserError(await ParleyCommand.RunAsync(server.Database, "restore", "--input", noManifest, "--data", Path.Combine(root, "n")), "no manifest.json");
            AssertUserError(await ParleyCommand.RunAsync(server.Database, "backup", "--output", Path.Combine(root, "no", "such", "x.tar.gz"), "--data", source), "does not exist");
        }

        if (!TestDatabase.IsPostgres)
            AssertUserError(await ParleyCommand.RunAsync("backup", "--output", Path.Combine(root, "x.tar.gz"), "--data", Path.Combine(root, "empty")), "no database at");
    }

    private static void AssertUserError((int Exit, string Out, string Err) r, string expected)
    {
        Assert.True(r.Exit == 2, $"expected exit 2, got {r.Exit}: {r.Err}{r.Out}");
        var line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    private static byte[] Flip(byte[] data)
    {
        var copy = (byte[])data.Clone();
        copy[copy.Length / 2] ^= 0xFF;
        return copy;
    }

    /// <summary>Copies an archive entry by entry through <paramref name="change"/> (null drops the entry).</summary>
    private static async Task RewriteAsync(string from, string to, Func<string, byte[], byte[]?> change)
    {
        await using var input = new GZipStream(File.OpenRead(from), CompressionMode.Decompress);
        await using var reader = new TarReader(input);
        await using var output = new GZipStream(File.Create(to), CompressionLevel.Fastest);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            using var ms = new MemoryStream();
            await entry.DataStream!.CopyToAsync(ms);
            if (change(entry.Name, ms.ToArray()) is not { } data) continue;
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, entry.Name) { DataStream = new MemoryStream(data) });
        }
    }
}

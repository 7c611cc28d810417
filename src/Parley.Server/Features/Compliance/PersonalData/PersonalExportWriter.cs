using System.IO.Compression;
using Parley.Server.Common;
using Parley.Server.Features.Compliance.Export;
using Parley.Server.Features.Files;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.PersonalData;

/// <summary>
/// Writes one user's personal data export (PIPL/GDPR access request) as a zip: <c>profile.json</c>, <c>sessions.json</c>,
/// <c>messages.jsonl</c> (their messages as they are now, in conversations they are or were a member of),
/// <c>reactions.json</c>, <c>bookmarks.json</c>, <c>drafts.json</c>, <c>scheduled.json</c> (scheduled messages and
/// reminders), the bytes of every file they uploaded under <c>files/</c>, and <c>manifest.json</c> with the size and
/// SHA-256 of every other entry. Secrets (password hash, TOTP secret, recovery codes, session tokens) are never written.
/// </summary>
public sealed class PersonalExportWriter(Database database, IBlobStore blobs)
{
    public async Task<ExportWriter.Result> WriteAsync(ExportStore.Row export, Stream output, Func<long, long, long, Task<bool>> progress,
        CancellationToken cancellationToken)
    {
        var userId = export.SubjectId ?? throw new InvalidOperationException($"Personal export {export.Id} has no subject.");
        await using var c = await database.OpenAsync(cancellationToken);
        var account = await PersonalDataStore.AccountAsync(c, userId) ?? throw new InvalidOperationException($"User {userId} does not exist.");
        var total = await PersonalDataStore.CountMessagesAsync(c, userId);
        var uploaded = await PersonalDataStore.UploadedFilesAsync(c, userId);
        var paths = uploaded.ToDictionary(f => f.Id, ExportWriter.FilePath);
        using var zip = new ExportZip(output);

        await zip.AddJsonAsync("profile.json", new
        {
            account,
            roles = await PersonalDataStore.RolesAsync(c, userId),
            departments = await PersonalDataStore.DepartmentsAsync(c, userId),
            twoFactorEnabled = await PersonalDataStore.TotpEnabledAsync(c, userId),
            pushSettings = (await PersonalDataStore.PushSettingsAsync(c, userId)).SingleOrDefault(),
            conversations = await PersonalDataStore.MembershipsAsync(c, userId),
        }, cancellationToken);
        await zip.AddJsonAsync("sessions.json", new
        {
            sessions = await PersonalDataStore.SessionsAsync(c, userId),
            signIns = await PersonalDataStore.SignInsAsync(c, userId),
        }, cancellationToken);

        long written = 0;
        var filesOfMessages = uploaded.Where(f => f.MessageId is not null).ToLookup(f => f.MessageId!.Value);
        await zip.WriteAsync("messages.jsonl", CompressionLevel.Optimal, async lines =>
        {
            long after = 0;
            while (true)
            {
                var page = await PersonalDataStore.MessagesAsync(c, userId, after, ExportWriter.PageSize);
                if (page.Count == 0) break;
                foreach (var m in page)
                {
                    var id = Convert.ToInt64(m["id"], System.Globalization.CultureInfo.InvariantCulture);
                    m["files"] = filesOfMessages[id].Select(f => new { id = f.Id, name = f.Name, path = paths[f.Id] }).ToList();
                    await ExportZip.WriteLineAsync(lines, m, cancellationToken);
                    after = id;
                    written++;
                }
                if (!await progress(total, written, 0)) throw new OperationCanceledException("The export was taken over by another node.");
            }
        }, cancellationToken);

        await zip.AddJsonAsync("reactions.json", await PersonalDataStore.ReactionsAsync(c, userId), cancellationToken);
        await zip.AddJsonAsync("bookmarks.json", await PersonalDataStore.BookmarksAsync(c, userId), cancellationToken);
        await zip.AddJsonAsync("drafts.json", await PersonalDataStore.DraftsAsync(c, userId), cancellationToken);
        await zip.AddJsonAsync("scheduled.json", new
        {
            messages = await PersonalDataStore.ScheduledAsync(c, userId),
            reminders = await PersonalDataStore.RemindersAsync(c, userId),
        }, cancellationToken);
        var uploads = uploaded.Select(f => new { id = f.Id, name = f.Name, size = f.Size, contentType = f.ContentType, conversationId = f.ConversationId,
            messageId = f.MessageId, createdAt = UnixMs.To(f.CreatedAt), path = paths[f.Id] }).ToList();
        await zip.AddJsonAsync("files.json", uploads, cancellationToken);

        var (fileCount, missing) = await ExportWriter.AddFilesAsync(zip, blobs, uploaded.Select(f => (f.Id, (f, paths[f.Id]))),
            n => progress(total, written, n), cancellationToken);

        await zip.AddManifestAsync(new
        {
            format = "parley-personal-data/1", exportId = export.Id, userId, requestedBy = export.RequestedBy, createdAt = UnixMs.To(export.CreatedAt),
            messages = written, files = fileCount, missingFiles = missing, entries = zip.ManifestEntries,
        }, cancellationToken);
        await progress(total, written, fileCount);
        return new ExportWriter.Result((int)written, fileCount);
    }
}

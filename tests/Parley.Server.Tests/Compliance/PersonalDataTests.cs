using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Compliance.Export;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Compliance;

/// <summary>
/// Personal data (PIPL/GDPR): a user's export round trip (their messages once each, nobody else's text, hashes that
/// match, only for the requester), erasure accounting with legal holds, and the removal of expired exports.
/// </summary>
public class PersonalDataTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string MyExports = "/api/v1/users/me/data-export";

    private static Task<PersonalDataExportDto> DoneAsync(Session s, long id) => ExportDownloads.WaitUntilEndedAsync<PersonalDataExportDto>(s, $"{MyExports}/{id}", e => e.Status);

    private static Dictionary<string, byte[]> Unzip(byte[] zip) => ExportDownloads.Unzip(zip);

    private static void AssertManifestMatches(Dictionary<string, byte[]> entries)
    {
        using var manifest = JsonDocument.Parse(entries["manifest.json"]);
        var listed = manifest.RootElement.GetProperty("entries").EnumerateArray()
            .ToDictionary(e => e.GetProperty("path").GetString()!, e => (e.GetProperty("bytes").GetInt64(), e.GetProperty("sha256").GetString()!));
        Assert.Equal(entries.Keys.Where(k => k != "manifest.json").Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, content) in entries.Where(e => e.Key != "manifest.json"))
            Assert.True((content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content))) == listed[name], $"{name}: the manifest's size or SHA-256 does not match the entry");
    }

    [Fact]
    public async Task Export_HasEveryOwnMessageOnce_NoOneElsesText_FilesAndMatchingHashes_ForItsRequesterOnly()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var team = await alice.CreateAsync(ConversationKinds.Group, "团队 team", bob.Id);
        var direct = await alice.CreateAsync(ConversationKinds.Direct, null, bob.Id);
        var elsewhere = await bob.CreateAsync(ConversationKinds.Group, "bob and carol", carol.Id);
        var first = await alice.SendAsync(team.Id, "alice one 你好");
        var edited = await alice.SendAsync(team.Id, "alice earlier words");
        await alice.Ok<MessageDto>(alice.Http.PatchAsJsonAsync($"/api/v1/messages/{edited.Id}", new EditMessageRequest("alice final words")));
        var bobs = await bob.SendAsync(team.Id, "bob's private reply");
        var bytes = FileClient.RandomBytes(40_000, seed: 5);
        var file = await alice.UploadAsync(bytes, "简历 cv.pdf");
        var withFile = await alice.SendFilesAsync(direct.Id, "my cv", file.Id);
        await bob.SendAsync(elsewhere.Id, "not alice's business");
        (await alice.Http.PutAsync($"/api/v1/messages/{bobs.Id}/reactions/👍", null)).EnsureSuccessStatusCode();
        (await alice.Http.PutAsJsonAsync($"/api/v1/messages/{bobs.Id}/bookmark", new BookmarkRequest("remember"))).EnsureSuccessStatusCode();
        (await alice.Http.PutAsJsonAsync($"/api/v1/conversations/{team.Id}/draft", new DraftRequest("half a thought", null))).EnsureSuccessStatusCode();
        (await alice.Http.PostAsJsonAsync($"/api/v1/conversations/{team.Id}/messages",
            new SendMessageRequest("later words", null, null, null, SendAt: DateTimeOffset.UtcNow.AddDays(2).ToString("O")))).EnsureSuccessStatusCode();

        var requested = await alice.Ok<PersonalDataExportDto>(alice.Http.PostAsync(MyExports, null));
        Assert.Equal((alice.Id, alice.Id, alice.User.Username), (requested.SubjectId, requested.RequestedBy, requested.SubjectUsername));
        var done = await DoneAsync(alice, requested.Id);
        Assert.Equal((ExportStatuses.Done, 3, 3, 1), (done.Status, done.Total, done.Messages, done.Files));
        Assert.NotNull(done.ExpiresAt);

        // Only the requester sees or downloads it.
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"{MyExports}/{done.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"{MyExports}/{done.Id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.Http.GetAsync($"{MyExports}/{done.Id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Http.GetAsync($"/api/v1/compliance/exports/{done.Id}")).StatusCode);
        Assert.Empty((await bob.Ok<ListResponse<PersonalDataExportDto>>(bob.Http.GetAsync(MyExports))).Items);

        using var download = await alice.Http.GetAsync($"{MyExports}/{done.Id}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var zip = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(done.Bytes, zip.Length);
        var entries = Unzip(zip);
        foreach (var name in new[] { "profile.json", "sessions.json", "messages.jsonl", "reactions.json", "bookmarks.json", "drafts.json", "scheduled.json", "files.json", "manifest.json" })
            Assert.True(entries.ContainsKey(name), $"{name} is missing from the export");

        // Every own message once, as it is now; no one else's words, and no earlier text of an edit.
        var jsonl = Encoding.UTF8.GetString(entries["messages.jsonl"]);
        var lines = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([first.Id, edited.Id, withFile.Id], lines.Select(l => l.GetProperty("id").GetInt64()));
        Assert.Equal(["alice one 你好", "alice final words", "my cv"], lines.Select(l => l.GetProperty("text").GetString()));
        Assert.Equal("团队 team", lines[0].GetProperty("conversationName").GetString());
        Assert.Equal(direct.Id, lines[2].GetProperty("conversationId").GetInt64());
        foreach (var foreign in new[] { "bob's private reply", "not alice's business", "alice earlier words" })
            Assert.DoesNotContain(foreign, Encoding.UTF8.GetString(entries.Where(e => e.Key.EndsWith(".json", StringComparison.Ordinal) || e.Key.EndsWith(".jsonl", StringComparison.Ordinal)).SelectMany(e => e.Value).ToArray()), StringComparison.Ordinal);

        // The uploaded file's bytes under the path the message names.
        var path = lines[2].GetProperty("files")[0].GetProperty("path").GetString()!;
        Assert.Equal(bytes, entries[path]);

        // Profile without secrets; the rest of the personal state.
        var profile = Encoding.UTF8.GetString(entries["profile.json"]);
        using (var p = JsonDocument.Parse(profile))
        {
            Assert.Equal(alice.User.Username, p.RootElement.GetProperty("account").GetProperty("username").GetString());
            Assert.False(p.RootElement.GetProperty("twoFactorEnabled").GetBoolean());
        }
        string hash;
        await using (var c = await _server.Database.OpenDirectAsync())
            hash = await c.ExecuteScalarAsync<string>("SELECT password_hash FROM users WHERE id = @id", new { id = alice.Id }) ?? "";
        Assert.DoesNotContain(hash, profile, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", profile, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", Encoding.UTF8.GetString(entries["sessions.json"]), StringComparison.OrdinalIgnoreCase);
        using (var reactions = JsonDocument.Parse(entries["reactions.json"]))
            Assert.Equal([("👍", bobs.Id)], reactions.RootElement.EnumerateArray().Select(r => (r.GetProperty("emoji").GetString(), r.GetProperty("messageId").GetInt64())));
        Assert.Contains("remember", Encoding.UTF8.GetString(entries["bookmarks.json"]), StringComparison.Ordinal);
        Assert.Contains("half a thought", Encoding.UTF8.GetString(entries["drafts.json"]), StringComparison.Ordinal);
        Assert.Contains("later words", Encoding.UTF8.GetString(entries["scheduled.json"]), StringComparison.Ordinal);
        AssertManifestMatches(entries);

        // A compliance officer may ask for alice's data; then only the officer can download it, and alice does not see it.
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.Http.PostAsync($"/api/v1/compliance/users/{alice.Id}/data-export", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.StatusAsync(officer.Http.PostAsync("/api/v1/compliance/users/999999/data-export", null))).Status);
        var forOfficer = await officer.Ok<PersonalDataExportDto>(officer.Http.PostAsync($"/api/v1/compliance/users/{alice.Id}/data-export", null));
        Assert.Equal((alice.Id, officer.Id), (forOfficer.SubjectId, forOfficer.RequestedBy));
        var officerDone = await DoneAsync(officer, forOfficer.Id);
        Assert.Equal(3, officerDone.Messages);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Http.GetAsync($"{MyExports}/{forOfficer.Id}")).StatusCode);
        Assert.Equal([done.Id], (await alice.Ok<ListResponse<PersonalDataExportDto>>(alice.Http.GetAsync(MyExports))).Items.Select(e => e.Id));
        using (var officerZip = await officer.Http.GetAsync($"{MyExports}/{forOfficer.Id}/download")) Assert.Equal(HttpStatusCode.OK, officerZip.StatusCode);
        // A personal export is not an e-discovery export (and the other way round).
        Assert.Equal(HttpStatusCode.NotFound, (await officer.Http.GetAsync($"/api/v1/compliance/exports/{forOfficer.Id}")).StatusCode);

        var admin = await _server.AdminAsync();
        var audit = await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?limit=200"));
        Assert.Equal(2, audit.Items.Count(e => e.Action == "personal_data.export_requested"));
        Assert.Equal(2, audit.Items.Count(e => e.Action == "personal_data.exported"));
    }

    [Fact]
    public async Task Export_OneAtATimePerUser()
    {
        var dave = await _server.UserAsync();
        await using (var c = await _server.Database.OpenDirectAsync())
            await c.ExecuteAsync(
                """
                INSERT INTO compliance_exports(requested_by, from_at, to_at, language, status, owner, heartbeat_at, total, messages, files, bytes, created_at, kind, subject_id)
                VALUES (@id, 0, 0, 'en', 'running', 'another-node', @now, 0, 0, 0, 0, @now, 'personal', @id)
                """, new { id = dave.Id, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 3_600_000 });
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ExportInProgress), await dave.StatusAsync(dave.Http.PostAsync(MyExports, null)));
    }

    [Fact]
    public async Task Erasure_RemovesWhatWasDue_KeepsHeldConversations_RefusesAHeldUser_AndEndsTheirSessions()
    {
        var admin = await _server.AdminAsync();
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var userAdmin = await _server.UserAsync(null, Roles.UserAdmin);
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var team = await alice.CreateAsync(ConversationKinds.Group, "team", bob.Id);
        var matter = await alice.CreateAsync(ConversationKinds.Group, "matter", bob.Id);
        var file = await alice.UploadAsync(FileClient.RandomBytes(3000, seed: 9), "alice.bin");
        var aliceWithFile = await alice.SendFilesAsync(team.Id, "alice's file", file.Id);
        var aliceText = await alice.SendAsync(team.Id, "alice's words");
        var bobText = await bob.SendAsync(team.Id, "bob's words");
        var evidence = await alice.SendAsync(matter.Id, "alice's evidence");
        (await alice.Http.PutAsync($"/api/v1/messages/{bobText.Id}/reactions/👍", null)).EnsureSuccessStatusCode();
        (await alice.Http.PutAsJsonAsync($"/api/v1/messages/{bobText.Id}/bookmark", new BookmarkRequest(null))).EnsureSuccessStatusCode();
        (await alice.Http.PutAsJsonAsync($"/api/v1/conversations/{team.Id}/draft", new DraftRequest("draft", null))).EnsureSuccessStatusCode();
        (await alice.Http.PostAsJsonAsync($"/api/v1/conversations/{team.Id}/messages",
            new SendMessageRequest("scheduled", null, null, null, SendAt: DateTimeOffset.UtcNow.AddDays(2).ToString("O")))).EnsureSuccessStatusCode();
        (await alice.Http.PostAsJsonAsync($"/api/v1/messages/{bobText.Id}/reminder", new SetReminderRequest(DateTimeOffset.UtcNow.AddDays(1).ToString("O")))).EnsureSuccessStatusCode();
        using (var picture = new SkiaSharp.SKBitmap(64, 64))
        {
            picture.Erase(SkiaSharp.SKColors.Red);
            using var png = SkiaSharp.SKImage.FromBitmap(picture).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
            var body = new ByteArrayContent(png.ToArray());
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            (await alice.Http.PutAsync("/api/v1/users/me/avatar", body)).EnsureSuccessStatusCode();
        }
        Assert.Equal(HttpStatusCode.OK, (await bob.Http.GetAsync($"/api/v1/users/{alice.Id}/avatar?size=64")).StatusCode);
        var matterHold = await officer.Ok<LegalHoldDto>(officer.Http.PostAsJsonAsync("/api/v1/compliance/holds", new PlaceLegalHoldRequest("conversation", matter.Id, "Matter 7")));
        // The officer exported alice's data before: that zip goes with the erasure.
        var aliceExport = await DoneAsync(officer, (await officer.Ok<PersonalDataExportDto>(officer.Http.PostAsync($"/api/v1/compliance/users/{alice.Id}/data-export", null))).Id);
        var erasure = $"/api/v1/compliance/users/{alice.Id}/erasure";

        // Both permissions are needed: the compliance officer alone, or the user administrator alone, is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.StatusAsync(officer.Http.PostAsJsonAsync(erasure, new UserErasureRequest(true)))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await userAdmin.StatusAsync(userAdmin.Http.PostAsJsonAsync(erasure, new UserErasureRequest(true)))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/compliance/users/999999/erasure", new UserErasureRequest(true)))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.StatusAsync(admin.Http.PostAsJsonAsync($"/api/v1/compliance/users/{admin.Id}/erasure", new UserErasureRequest(true)))).Status);

        // The dry run counts and changes nothing.
        var preview = await admin.Ok<UserErasureDto>(admin.Http.PostAsJsonAsync(erasure, new UserErasureRequest(true)));
        Assert.Equal(new UserErasureDto(alice.Id, true, 2, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1), preview);
        Assert.Equal("alice's words", (await bob.MessagesAsync(team.Id)).Single(m => m.Id == aliceText.Id).Text);

        // A hold on the user refuses the erasure (and its preview) with nothing changed.
        var userHold = await officer.Ok<LegalHoldDto>(officer.Http.PostAsJsonAsync("/api/v1/compliance/holds", new PlaceLegalHoldRequest("user", alice.Id, "Matter 8")));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.LegalHold), await admin.StatusAsync(admin.Http.PostAsJsonAsync(erasure, new UserErasureRequest(false))));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.LegalHold), await admin.StatusAsync(admin.Http.PostAsJsonAsync(erasure, new UserErasureRequest(true))));
        Assert.Equal("alice's words", (await bob.MessagesAsync(team.Id)).Single(m => m.Id == aliceText.Id).Text);
        Assert.Equal(HttpStatusCode.OK, (await alice.Http.GetAsync("/api/v1/users/me")).StatusCode);
        await officer.Ok<LegalHoldDto>(officer.Http.PostAsync($"/api/v1/compliance/holds/{userHold.Id}/release", null));

        // Alice is connected when she is erased.
        var hub = _server.Hub(alice.Token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartRegisteredAsync();

        var erased = await admin.Ok<UserErasureDto>(admin.Http.PostAsJsonAsync(erasure, new UserErasureRequest(false)));
        Assert.Equal(new UserErasureDto(alice.Id, false, 2, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1), erased);
        Assert.Equal((HttpStatusCode.Gone, ErrorCodes.ExportExpired), await officer.StatusAsync(officer.Http.GetAsync($"{MyExports}/{aliceExport.Id}/download")));

        // Her messages outside the held conversation are tombstones; bob's and the held evidence are untouched.
        var teamNow = (await bob.MessagesAsync(team.Id)).ToDictionary(m => m.Id);
        foreach (var gone in new[] { aliceWithFile, aliceText })
        {
            Assert.Equal("", teamNow[gone.Id].Text);
            Assert.NotNull(teamNow[gone.Id].DeletedAt);
        }
        Assert.Equal("bob's words", teamNow[bobText.Id].Text);
        Assert.Empty(teamNow[bobText.Id].Reactions ?? []);
        Assert.Equal(["alice's evidence"], (await bob.MessagesAsync(matter.Id)).Where(m => m.Id == evidence.Id).Select(m => m.Text));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"/api/v1/files/{file.Id}")).StatusCode);

        // The account: anonymised, inactive; she cannot sign in and her live session and connection are ended.
        var account = await admin.Ok<UserDto>(admin.Http.GetAsync($"/api/v1/users/{alice.Id}"));
        Assert.Equal(($"deleted-user-{alice.Id}", "Deleted user", false), (account.Username, account.DisplayName, account.IsActive));
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.Http.GetAsync("/api/v1/users/me")).StatusCode);
        using (var anon = _server.Client())
        {
            Assert.False((await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(alice.User.Username, TestServer.UserPassword))).IsSuccessStatusCode);
            Assert.False((await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(account.Username, TestServer.UserPassword))).IsSuccessStatusCode);
        }
        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(10_000)));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"/api/v1/users/{alice.Id}/avatar?size=64")).StatusCode);
        await hub.DisposeAsync();
        await using (var c = await _server.Database.OpenDirectAsync())
        {
            foreach (var table in new[] { "drafts", "bookmarks", "scheduled_messages", "reminders", "user_roles", "push_subscriptions", "user_avatars" })
                Assert.True(await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE user_id = @id", new { id = alice.Id }) == 0, $"{table} still has rows of the erased user");
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM sessions WHERE user_id = @id AND revoked_at IS NULL", new { id = alice.Id }));
        }

        // The reserved placeholder cannot be taken by a new account.
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest("deleted-user-999", TestServer.UserPassword, null))));

        // Audited with the counts and the id, not the name; a second erasure (hold released later) finds only the held rest.
        var audit = await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?limit=200"));
        var entry = Assert.Single(audit.Items, e => e.Action == "personal_data.erased");
        Assert.Equal(alice.Id, entry.TargetId);
        Assert.DoesNotContain(alice.User.Username, JsonSerializer.Serialize(entry.Details), StringComparison.Ordinal);
        await officer.Ok<LegalHoldDto>(officer.Http.PostAsync($"/api/v1/compliance/holds/{matterHold.Id}/release", null));
        var rest = await admin.Ok<UserErasureDto>(admin.Http.PostAsJsonAsync(erasure, new UserErasureRequest(false)));
        Assert.Equal((1, 0, 0), (rest.Messages, rest.HeldMessages, rest.Sessions));
        Assert.Equal([""], (await bob.MessagesAsync(matter.Id)).Where(m => m.Id == evidence.Id).Select(m => m.Text));
    }

    [Fact]
    public async Task Cleanup_RemovesExpiredExports_AndTheirDownloadAnswers410()
    {
        var alice = await _server.UserAsync();
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        await alice.SendAsync((await alice.CreateAsync(ConversationKinds.Group, "g", (await _server.UserAsync()).Id)).Id, "hello");
        var mine = await DoneAsync(alice, (await alice.Ok<PersonalDataExportDto>(alice.Http.PostAsync(MyExports, null))).Id);
        var now = DateTimeOffset.UtcNow;
        var ediscovery = await officer.Ok<ComplianceExportDto>(officer.Http.PostAsJsonAsync("/api/v1/compliance/exports", new CreateComplianceExportRequest(now.AddDays(-1), now.AddMinutes(5))));
        for (var i = 0; i < 300 && (await officer.Ok<ComplianceExportDto>(officer.Http.GetAsync($"/api/v1/compliance/exports/{ediscovery.Id}"))).Status != ExportStatuses.Done; i++)
            await Task.Delay(100);
        var fresh = await DoneAsync(alice, (await alice.Ok<PersonalDataExportDto>(alice.Http.PostAsync(MyExports, null))).Id);

        // Two finished 8 days ago (the default keeps 7); the fresh one stays.
        string? blob;
        await using (var c = await _server.Database.OpenDirectAsync())
        {
            await c.ExecuteAsync("UPDATE compliance_exports SET finished_at = finished_at - 691200000 WHERE id IN (@a, @b)", new { a = mine.Id, b = ediscovery.Id });
            blob = await c.ExecuteScalarAsync<string>("SELECT blob_key FROM compliance_exports WHERE id = @id", new { id = mine.Id });
        }
        var cleanup = _server.Services.GetRequiredService<ExportCleanup>();
        var expired = await cleanup.RunAsync();
        Assert.Equal([Math.Min(mine.Id, ediscovery.Id), Math.Max(mine.Id, ediscovery.Id)], expired!.Order());
        Assert.Empty((await cleanup.RunAsync())!);

        var after = await alice.Ok<PersonalDataExportDto>(alice.Http.GetAsync($"{MyExports}/{mine.Id}"));
        Assert.Equal(ExportStatuses.Expired, after.Status);
        Assert.NotNull(after.ExpiredAt);
        Assert.Equal((HttpStatusCode.Gone, ErrorCodes.ExportExpired), await alice.StatusAsync(alice.Http.GetAsync($"{MyExports}/{mine.Id}/download")));
        Assert.Equal((HttpStatusCode.Gone, ErrorCodes.ExportExpired), await officer.StatusAsync(officer.Http.GetAsync($"/api/v1/compliance/exports/{ediscovery.Id}/download")));
        Assert.Equal(HttpStatusCode.OK, (await alice.Http.GetAsync($"{MyExports}/{fresh.Id}/download")).StatusCode);
        // The zip itself is gone from the file store.
        Assert.Empty(Directory.EnumerateFiles(_server.DataDirectory, blob + "*", SearchOption.AllDirectories));
    }
}

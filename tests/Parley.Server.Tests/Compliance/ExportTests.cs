using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Compliance;

/// <summary>E-discovery export round trip: every message in range once, with its versions and files, hashes that match, only for the requester.</summary>
public class ExportTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<ComplianceExportDto> DoneAsync(Session s, long id) => ExportDownloads.WaitUntilEndedAsync<ComplianceExportDto>(s, $"/api/v1/compliance/exports/{id}", e => e.Status);

    private static Dictionary<string, byte[]> Unzip(byte[] zip) => ExportDownloads.Unzip(zip);

    [Fact]
    public async Task Export_HasEveryMessageInRangeOnce_WithVersionsFilesTranscriptsAndMatchingHashes_ForItsRequesterOnly()
    {
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var otherOfficer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var sales = await alice.CreateAsync(ConversationKinds.Group, "销售 & <Sales>", bob.Id);
        var other = await alice.CreateAsync(ConversationKinds.Group, "other", bob.Id);
        var old = await alice.SendAsync(sales.Id, "before the range");
        await using (var c = await _server.Database.OpenDirectAsync())
            await c.ExecuteAsync("UPDATE messages SET created_at = created_at - 864000000 WHERE id = @id", new { id = old.Id });
        var hello = await alice.SendAsync(sales.Id, "<script>alert(1)</script> 你好");
        var edited = await bob.SendAsync(sales.Id, "first words");
        await bob.Ok<MessageDto>(bob.Http.PatchAsJsonAsync($"/api/v1/messages/{edited.Id}", new EditMessageRequest("second words")));
        var bytes = FileClient.RandomBytes(70_000, seed: 11);
        var file = await alice.UploadAsync(bytes, "合同 v2.pdf");
        var withFile = await alice.SendFilesAsync(sales.Id, "the contract", file.Id);
        var elsewhere = await bob.SendAsync(other.Id, "in another group");

        var now = DateTimeOffset.UtcNow;
        var requested = await officer.Ok<ComplianceExportDto>(officer.Http.PostAsJsonAsync("/api/v1/compliance/exports",
            new CreateComplianceExportRequest(now.AddDays(-1), now.AddMinutes(5), Language: "zh-CN")));
        Assert.Contains(requested.Status, new[] { ExportStatuses.Queued, ExportStatuses.Running, ExportStatuses.Done });
        var done = await DoneAsync(officer, requested.Id);
        Assert.Equal((ExportStatuses.Done, 4, 4, 1), (done.Status, done.Total, done.Messages, done.Files));

        // Only the requester sees or downloads it; a member cannot even ask.
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.Http.GetAsync($"/api/v1/compliance/exports/{done.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.Http.GetAsync($"/api/v1/compliance/exports/{done.Id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Http.GetAsync($"/api/v1/compliance/exports/{done.Id}/download")).StatusCode);

        using var download = await officer.Http.GetAsync($"/api/v1/compliance/exports/{done.Id}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        var zip = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(done.Bytes, zip.Length);
        var entries = Unzip(zip);

        // messages.jsonl: the four messages in range, once each, in conversation order; versions kept.
        var lines = Encoding.UTF8.GetString(entries["messages.jsonl"]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([hello.Id, edited.Id, withFile.Id, elsewhere.Id], lines.Select(l => l.GetProperty("message").GetProperty("id").GetInt64()));
        var editedLine = lines[1].GetProperty("message");
        Assert.Equal("second words", editedLine.GetProperty("text").GetString());
        Assert.Equal("first words", editedLine.GetProperty("history")[0].GetProperty("text").GetString());
        Assert.Equal(bob.User.Username, lines[1].GetProperty("senderUsername").GetString());

        // The file's bytes, under the path the message line names.
        var path = lines[2].GetProperty("files")[0].GetProperty("path").GetString()!;
        Assert.StartsWith($"files/{file.Id}-", path, StringComparison.Ordinal);
        Assert.Equal(bytes, entries[path]);

        // A transcript per conversation, in Chinese, with every text encoded (nothing runs when it is opened).
        var transcript = Encoding.UTF8.GetString(entries[$"transcripts/{sales.Id}.html"]);
        Assert.Contains("lang=\"zh-CN\"", transcript, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; 你好", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", transcript, StringComparison.Ordinal);
        Assert.Contains("销售 &amp; &lt;Sales&gt;", transcript, StringComparison.Ordinal);
        Assert.Contains("历史版本", transcript, StringComparison.Ordinal);
        Assert.True(entries.ContainsKey($"transcripts/{other.Id}.html"));

        // The manifest lists every other entry with its size and SHA-256, and they match.
        using var manifest = JsonDocument.Parse(entries["manifest.json"]);
        var listed = manifest.RootElement.GetProperty("entries").EnumerateArray()
            .ToDictionary(e => e.GetProperty("path").GetString()!, e => (e.GetProperty("bytes").GetInt64(), e.GetProperty("sha256").GetString()!));
        Assert.Equal(entries.Keys.Where(k => k != "manifest.json").Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, content) in entries.Where(e => e.Key != "manifest.json"))
            Assert.Equal((content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content))), listed[name]);
        Assert.Equal(4, manifest.RootElement.GetProperty("messages").GetInt32());

        // Narrowed to one sender: only bob's messages.
        var bobs = await officer.Ok<ComplianceExportDto>(officer.Http.PostAsJsonAsync("/api/v1/compliance/exports",
            new CreateComplianceExportRequest(now.AddDays(-1), now.AddMinutes(5), UserIds: [bob.Id])));
        var bobsDone = await DoneAsync(officer, bobs.Id);
        Assert.Equal((ExportStatuses.Done, 2, 0), (bobsDone.Status, bobsDone.Messages, bobsDone.Files));
        var mine = await officer.Ok<ListResponse<ComplianceExportDto>>(officer.Http.GetAsync("/api/v1/compliance/exports"));
        Assert.Equal([bobs.Id, done.Id], mine.Items.Select(e => e.Id));
        Assert.Empty((await otherOfficer.Ok<ListResponse<ComplianceExportDto>>(otherOfficer.Http.GetAsync("/api/v1/compliance/exports"))).Items);

        var admin = await _server.AdminAsync();
        var audit = await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?limit=200"));
        Assert.Equal(2, audit.Items.Count(e => e.Action == "compliance.export_requested" && e.ActorId == officer.Id));
        Assert.Single(audit.Items, e => e.Action == "compliance.export_downloaded" && e.TargetId == done.Id);
    }

    [Fact]
    public async Task Export_RefusesBadRequests()
    {
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var now = DateTimeOffset.UtcNow;
        foreach (var bad in new[]
                 {
                     new CreateComplianceExportRequest(null, now), new CreateComplianceExportRequest(now, now.AddDays(-1)),
                     new CreateComplianceExportRequest(now.AddDays(-1), now, UserIds: []), new CreateComplianceExportRequest(now.AddDays(-1), now, ConversationIds: [0]),
                     new CreateComplianceExportRequest(now.AddDays(-1), now, Language: "fr"),
                 })
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await officer.StatusAsync(officer.Http.PostAsJsonAsync("/api/v1/compliance/exports", bad)));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.StatusAsync(officer.Http.GetAsync("/api/v1/compliance/exports/999999"))).Status);
        var member = await _server.UserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.PostAsJsonAsync("/api/v1/compliance/exports", new CreateComplianceExportRequest(now.AddDays(-1), now))).StatusCode);
    }
}

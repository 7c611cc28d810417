using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Files;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Bundles;

/// <summary>
/// Merge-forward (issue 20): several messages of one conversation become one bundle message in another, a snapshot the
/// target's members read (files included) without ever gaining access to the source.
/// </summary>
public class BundleTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Compliance:Retention:Interval"] = "00:00:00" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Wire(object? value) => System.Text.Json.JsonSerializer.Serialize(value, Json.Options);

    private sealed record World(Session Alice, Session Bob, Session Carol, Session Dave, ConversationDto Group, ConversationDto Direct,
        MessageDto First, MessageDto Second, MessageDto Third, FileDto File, byte[] Bytes);

    /// <summary>A group "design" (alice, bob, carol) with three messages, the second with a file; a DM of alice and dave.</summary>
    private async Task<World> WorldAsync()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var dave = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "design", bob.Id, carol.Id);
        var direct = await alice.CreateAsync(ConversationKinds.Direct, null, dave.Id);
        var first = await alice.SendAsync(group.Id, "first **words**");
        var bytes = FileClient.RandomBytes(6000, seed: 11);
        var file = await bob.UploadAsync(bytes, "spec.bin");
        var second = await bob.SendFilesAsync(group.Id, "the spec", file.Id);
        var third = await carol.SendAsync(group.Id, "third, and last");
        return new World(alice, bob, carol, dave, group, direct, first, second, third, file, bytes);
    }

    [Fact]
    public async Task MergeForward_SnapshotInSeqOrder_TargetMembersReadItAndItsFiles_OnlyThroughTheBundle()
    {
        var w = await WorldAsync();
        var eve = await _server.UserAsync();

        var bundle = await w.Alice.BundleAsync(w.Direct.Id, w.Group.Id, [w.Third.Id, w.First.Id, w.Second.Id], comment: "see this");

        Assert.Equal("see this", bundle.Text);
        Assert.Equal(w.Direct.Id, bundle.ConversationId);
        Assert.Null(bundle.ForwardedFromId); // the source message ids are not given to the new audience
        var summary = Assert.IsType<BundleDto>(bundle.Bundle);
        Assert.Equal((ConversationKinds.Group, 3), (summary.SourceKind, summary.ItemCount));
        Assert.Equal(["design"], summary.TitleNames);
        Assert.Equal([w.Alice.User.DisplayName, w.Bob.User.DisplayName, w.Carol.User.DisplayName], summary.Preview.Select(p => p.SenderName));
        Assert.Equal(["first **words**", "the spec", "third, and last"], summary.Preview.Select(p => p.Text));
        Assert.Equal([0, 1, 0], summary.Preview.Select(p => p.FileCount));

        // Dave was never in the group: he reads the transcript, in seq order whatever order was given, and the file.
        var transcript = await w.Dave.TranscriptAsync(bundle.Id);
        Assert.Equal([w.First.SenderId, w.Second.SenderId, w.Third.SenderId], transcript.Items.Select(i => i.SenderId));
        Assert.Equal([w.First.CreatedAt, w.Second.CreatedAt, w.Third.CreatedAt], transcript.Items.Select(i => i.CreatedAt));
        var listed = Assert.Single(transcript.Items[1].Files);
        Assert.Equal((w.File.Id, "spec.bin", 6000L), (listed.Id, listed.Name, listed.Size));
        Assert.Equal(w.Bytes, await w.Dave.BundleFileAsync(bundle.Id, w.File.Id));
        using (var ranged = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/messages/{bundle.Id}/bundle/files/{w.File.Id}"))
        {
            ranged.Headers.Range = new RangeHeaderValue(10, 19);
            using var res = await w.Dave.Http.SendAsync(ranged);
            Assert.Equal(HttpStatusCode.PartialContent, res.StatusCode);
            Assert.Equal(w.Bytes[10..20], await res.Content.ReadAsByteArrayAsync());
            Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
        }
        // The file's own route stays closed to him: it belongs to the group.
        Assert.Equal(HttpStatusCode.NotFound, (await w.Dave.Http.GetAsync($"/api/v1/files/{w.File.Id}")).StatusCode);
        // The card comes with history pages.
        var page = await w.Dave.MessagesAsync(w.Direct.Id);
        Assert.Equal(3, page.Single(m => m.Id == bundle.Id).Bundle?.ItemCount);

        // Nobody outside the DM reads it — not eve, and not bob, although he is in the source.
        foreach (var outsider in new[] { eve, w.Bob })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/v1/messages/{bundle.Id}/bundle")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/v1/messages/{bundle.Id}/bundle/files/{w.File.Id}")).StatusCode);
        }
        // A file id that is not in this bundle is not served through it.
        var other = await w.Alice.UploadAsync(FileClient.RandomBytes(10), "other.bin");
        await w.Alice.SendFilesAsync(w.Direct.Id, "", other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Dave.Http.GetAsync($"/api/v1/messages/{bundle.Id}/bundle/files/{other.Id}")).StatusCode);
    }

    [Fact]
    public async Task MergeForward_Refused_NonMemberOfSourceOrTarget404_ForeignIds400_Limits_Archived()
    {
        var w = await WorldAsync();
        var eve = await _server.UserAsync();
        var eveDirect = await eve.CreateAsync(ConversationKinds.Direct, null, w.Alice.Id);
        var elsewhere = await w.Alice.CreateAsync(ConversationKinds.Group, "elsewhere", w.Dave.Id);
        var foreign = await w.Alice.SendAsync(elsewhere.Id, "not from the group");

        // Not in the source: 404, the same answer as for a conversation that does not exist.
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await eve.StatusAsync(eve.PostBundle(eveDirect.Id, w.Group.Id, [w.First.Id])));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await eve.StatusAsync(eve.PostBundle(eveDirect.Id, 999_999, [w.First.Id])));
        // Not in the target: 404.
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await w.Bob.StatusAsync(w.Bob.PostBundle(w.Direct.Id, w.Group.Id, [w.First.Id])));
        // Ids of another conversation (even one the caller is in), unknown ids: 400, and nothing is written.
        var before = await BundleClient.CountAsync(_server, "SELECT count(*) FROM messages", new { });
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await w.Alice.StatusAsync(w.Alice.PostBundle(w.Direct.Id, w.Group.Id, [w.First.Id, foreign.Id])));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await w.Alice.StatusAsync(w.Alice.PostBundle(w.Direct.Id, w.Group.Id, [w.First.Id, 987_654])));
        Assert.Equal(before, await BundleClient.CountAsync(_server, "SELECT count(*) FROM messages", new { }));
        Assert.Equal(0, await BundleClient.CountAsync(_server, "SELECT count(*) FROM bundle_items", new { }));
        // A deleted message cannot be forwarded.
        using (var res = await w.Carol.Http.DeleteAsync($"/api/v1/messages/{w.Third.Id}")) Assert.True(res.IsSuccessStatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await w.Alice.StatusAsync(w.Alice.PostBundle(w.Direct.Id, w.Group.Id, [w.Third.Id])));
        // 1–100 messages.
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await w.Alice.StatusAsync(w.Alice.PostBundle(w.Direct.Id, w.Group.Id, [])));
        var many = Enumerable.Range(1, 101).Select(i => (long)i).ToArray();
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.BundleTooLarge), await w.Alice.StatusAsync(w.Alice.PostBundle(w.Direct.Id, w.Group.Id, many)));
        // The target's rules apply: an archived conversation takes no bundle.
        await w.Alice.Ok<ConversationDto>(w.Alice.Http.PatchAsJsonAsync($"/api/v1/conversations/{elsewhere.Id}", new UpdateConversationRequest(null, null, null, true)));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ConversationArchived), await w.Alice.StatusAsync(w.Alice.PostBundle(elsewhere.Id, w.Group.Id, [w.First.Id])));
    }

    [Fact]
    public async Task MergeForward_IsIdempotentByClientMsgId_AndADirectSourceNamesBothPeople()
    {
        var w = await WorldAsync();
        var said = await w.Dave.SendAsync(w.Direct.Id, "hello alice");

        var once = await w.Alice.BundleAsync(w.Group.Id, w.Direct.Id, [said.Id], clientMsgId: "b-1");
        var again = await w.Alice.BundleAsync(w.Group.Id, w.Direct.Id, [said.Id], clientMsgId: "b-1");

        Assert.Equal(once.Id, again.Id);
        Assert.Equal(Wire(once.Bundle), Wire(again.Bundle));
        Assert.Single(await w.Bob.MessagesAsync(w.Group.Id), m => m.Bundle is not null);
        Assert.Equal(ConversationKinds.Direct, once.Bundle!.SourceKind);
        Assert.Equal(new[] { w.Alice.User.DisplayName, w.Dave.User.DisplayName }.Order(), once.Bundle.TitleNames.Order());
        Assert.Equal("", once.Text); // no comment: the card stands alone
    }

    [Fact]
    public async Task Snapshot_IsUnchangedByLaterEditRecallAndDelete_AndItsFileOutlivesTheOriginal()
    {
        var w = await WorldAsync();
        var bundle = await w.Alice.BundleAsync(w.Direct.Id, w.Group.Id, [w.First.Id, w.Second.Id, w.Third.Id]);

        await w.Alice.Ok<MessageDto>(w.Alice.Http.PatchAsJsonAsync($"/api/v1/messages/{w.First.Id}", new EditMessageRequest("rewritten later")));
        await w.Bob.Ok<MessageDto>(w.Bob.Http.PostAsync($"/api/v1/messages/{w.Second.Id}/recall", null));
        using (var res = await w.Carol.Http.DeleteAsync($"/api/v1/messages/{w.Third.Id}")) Assert.True(res.IsSuccessStatusCode);
        await _server.Services.GetRequiredService<FileJanitor>().RunOnceAsync(); // would purge the recalled message's file bytes

        var transcript = await w.Dave.TranscriptAsync(bundle.Id);
        Assert.Equal(["first **words**", "the spec", "third, and last"], transcript.Items.Select(i => i.Text));
        Assert.Equal(w.Bytes, await w.Dave.BundleFileAsync(bundle.Id, w.File.Id));
        // The group's members no longer see the file anywhere in the group.
        Assert.Equal(HttpStatusCode.NotFound, (await w.Carol.Http.GetAsync($"/api/v1/files/{w.File.Id}")).StatusCode);

        // Deleting the bundle message removes its snapshot; then the janitor may take the bytes.
        using (var res = await w.Alice.Http.DeleteAsync($"/api/v1/messages/{bundle.Id}")) Assert.True(res.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Dave.Http.GetAsync($"/api/v1/messages/{bundle.Id}/bundle")).StatusCode);
        Assert.Equal(0, await BundleClient.CountAsync(_server, "SELECT count(*) FROM bundle_files", new { }));
        await _server.Services.GetRequiredService<FileJanitor>().RunOnceAsync();
        Assert.Equal(0, await BundleClient.CountAsync(_server, "SELECT count(*) FROM files WHERE id = @id", new { id = w.File.Id }));
    }

    [Fact]
    public async Task Bundles_NestAndReforward_EachAudienceReadsTheWholeTreeAndItsFiles()
    {
        var w = await WorldAsync();
        var frank = await _server.UserAsync();
        var grace = await _server.UserAsync();
        var bundle = await w.Alice.BundleAsync(w.Direct.Id, w.Group.Id, [w.First.Id, w.Second.Id]);
        var note = await w.Dave.SendAsync(w.Direct.Id, "look at the bundle above");
        var daveAndFrank = await w.Dave.CreateAsync(ConversationKinds.Group, "review", frank.Id);

        // Dave bundles the bundle with a note: the first item opens its own transcript.
        var nested = await w.Dave.BundleAsync(daveAndFrank.Id, w.Direct.Id, [note.Id, bundle.Id]);
        var outer = await frank.TranscriptAsync(nested.Id);
        Assert.Equal(2, outer.Items.Count);
        var inner = Assert.IsType<BundleDto>(outer.Items[0].Bundle); // the bundle is older than the note
        Assert.Equal((2, "design"), (inner.ItemCount, inner.TitleNames.Single()));
        Assert.True(nested.Bundle!.Preview[0].IsBundle);
        var opened = await frank.TranscriptAsync(nested.Id, outer.Items[0].Id);
        Assert.Equal(["first **words**", "the spec"], opened.Items.Select(i => i.Text));
        Assert.Equal(w.Bytes, await frank.BundleFileAsync(nested.Id, w.File.Id));
        // An item id that is not a bundle, or of another bundle, opens nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await frank.Http.GetAsync($"/api/v1/messages/{nested.Id}/bundle/items/{outer.Items[1].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await frank.Http.GetAsync($"/api/v1/messages/{nested.Id}/bundle/items/{opened.Items[0].Id + 100_000}")).StatusCode);

        // Forwarding the bundle message on its own carries the bundle.
        var withGrace = await frank.CreateAsync(ConversationKinds.Direct, null, grace.Id);
        var reforwarded = await frank.Ok<MessageDto>(frank.Http.PostAsJsonAsync($"/api/v1/messages/{nested.Id}/forward", new ForwardMessageRequest(withGrace.Id, null, null)));
        Assert.Equal(Wire(nested.Bundle), Wire(reforwarded.Bundle));
        var graceOuter = await grace.TranscriptAsync(reforwarded.Id);
        var graceInner = await grace.TranscriptAsync(reforwarded.Id, graceOuter.Items[0].Id);
        Assert.Equal(w.Bytes, await grace.BundleFileAsync(reforwarded.Id, Assert.Single(graceInner.Items[1].Files).Id));
        // Each copy is its own: frank's bundle is not reachable through grace's message ids.
        Assert.Equal(HttpStatusCode.NotFound, (await grace.Http.GetAsync($"/api/v1/messages/{nested.Id}/bundle")).StatusCode);
    }

    [Fact]
    public async Task RetentionPurge_OfTheTarget_RemovesTheSnapshot()
    {
        var w = await WorldAsync();
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var bundle = await w.Alice.BundleAsync(w.Direct.Id, w.Group.Id, [w.First.Id, w.Second.Id, w.Third.Id]);
        await using (var c = await _server.Database.OpenDirectAsync())
            await c.ExecuteAsync("UPDATE messages SET created_at = created_at - 3456000000 WHERE id = @id", new { id = bundle.Id }); // 40 days ago

        await officer.Ok<RetentionPolicyDto>(officer.Http.PutAsJsonAsync($"/api/v1/compliance/retention/conversation:{w.Direct.Id}", new SetRetentionPolicyRequest(30)));
        var run = await officer.Ok<RetentionRunDto>(officer.Http.PostAsync("/api/v1/compliance/retention/run", null));

        Assert.Equal(1, run.Messages);
        Assert.Equal(0, await BundleClient.CountAsync(_server, "SELECT count(*) FROM bundle_items WHERE message_id = @id", new { id = bundle.Id }));
        Assert.Equal(0, await BundleClient.CountAsync(_server, "SELECT count(*) FROM bundle_files WHERE message_id = @id", new { id = bundle.Id }));
        Assert.Equal(HttpStatusCode.NotFound, (await w.Dave.Http.GetAsync($"/api/v1/messages/{bundle.Id}/bundle")).StatusCode);
        Assert.Null((await w.Dave.MessagesAsync(w.Direct.Id)).Single(m => m.Id == bundle.Id).Bundle);
        // The source is untouched.
        Assert.Equal("the spec", (await w.Bob.MessagesAsync(w.Group.Id)).Single(m => m.Id == w.Second.Id).Text);
    }

    [Fact]
    public async Task Export_OfTheTarget_CarriesTheBundleSnapshot_NestedItemsOneLevelDeeper()
    {
        var w = await WorldAsync();
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var bundle = await w.Alice.BundleAsync(w.Direct.Id, w.Group.Id, [w.First.Id, w.Second.Id]);
        var nested = await w.Alice.BundleAsync(w.Direct.Id, w.Direct.Id, [bundle.Id], comment: "again");

        var now = DateTimeOffset.UtcNow;
        var export = await officer.Ok<ComplianceExportDto>(officer.Http.PostAsJsonAsync("/api/v1/compliance/exports",
            new CreateComplianceExportRequest(now.AddDays(-1), now.AddMinutes(5), ConversationIds: [w.Direct.Id])));
        for (var i = 0; i < 300 && export.Status is not (ExportStatuses.Done or ExportStatuses.Failed); i++)
        {
            await Task.Delay(100);
            export = await officer.Ok<ComplianceExportDto>(officer.Http.GetAsync($"/api/v1/compliance/exports/{export.Id}"));
        }
        Assert.Equal(ExportStatuses.Done, export.Status);
        var zip = await officer.Http.GetByteArrayAsync($"/api/v1/compliance/exports/{export.Id}/download");
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(await archive.GetEntry("messages.jsonl")!.OpenAsync());
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        var line = lines.Single(l => l.GetProperty("message").GetProperty("id").GetInt64() == nested.Id);
        var items = line.GetProperty("bundle").EnumerateArray().Select(i => (i.GetProperty("depth").GetInt32(), i.GetProperty("text").GetString())).ToList();
        Assert.Equal([(1, ""), (2, "first **words**"), (2, "the spec")], items);
        Assert.Equal("spec.bin", line.GetProperty("bundle")[2].GetProperty("files")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task BundleImage_ItsThumbnailIsServedThroughTheBundle_HeadAnswersLikeGet()
    {
        var w = await WorldAsync();
        var png = await w.Carol.UploadAsync(FileClient.Image(400, 300), "chart.png", "image/png");
        var shown = await w.Carol.SendFilesAsync(w.Group.Id, "the chart", png.Id);
        var bundle = await w.Alice.BundleAsync(w.Direct.Id, w.Group.Id, [shown.Id]);

        var listed = Assert.Single(Assert.Single((await w.Dave.TranscriptAsync(bundle.Id)).Items).Files);
        Assert.True(listed.HasThumbnail);
        using var thumb = await w.Dave.Http.GetAsync($"/api/v1/messages/{bundle.Id}/bundle/files/{png.Id}/thumbnail");
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.StartsWith("image/", thumb.Content.Headers.ContentType?.MediaType);
        using var head = await w.Dave.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/messages/{bundle.Id}/bundle/files/{png.Id}"));
        Assert.Equal((HttpStatusCode.OK, png.Size), (head.StatusCode, head.Content.Headers.ContentLength ?? -1));
        Assert.Equal(HttpStatusCode.NotFound, (await w.Dave.Http.GetAsync($"/api/v1/files/{png.Id}/thumbnail")).StatusCode);
    }
}

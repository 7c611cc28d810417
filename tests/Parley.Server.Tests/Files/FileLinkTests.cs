using System.Net;
using System.Net.Http.Json;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>Signed file links: what lets &lt;img src&gt; and &lt;video src&gt; load a file without the bearer token.</summary>
public class FileLinkTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<FileLinksDto> LinksAsync(Session s, long fileId) => s.Ok<FileLinksDto>(s.Http.PostAsync($"/api/v1/files/{fileId}/links", null));

    private async Task<(Session Alice, Session Bob, FileDto Image, byte[] Bytes, long GroupId)> SharedImageAsync()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "photos", bob.Id);
        var bytes = FileClient.Image(200, 100);
        var image = await alice.UploadAsync(bytes, "sunset.png", "image/png");
        await alice.SendFilesAsync(group.Id, null, image.Id);
        return (alice, bob, image, bytes, group.Id);
    }

    [Fact]
    public async Task SignedLinks_WorkWithoutBearer_WithSafeHeaders()
    {
        var (_, bob, image, bytes, _) = await SharedImageAsync();
        var links = await LinksAsync(bob, image.Id);
        Assert.NotNull(links.InlineUrl);
        Assert.NotNull(links.ThumbnailUrl);
        var lifetime = links.ExpiresAt - DateTimeOffset.UtcNow;
        Assert.True(lifetime > TimeSpan.FromMinutes(4.9) && lifetime <= TimeSpan.FromMinutes(6), $"default lifetime is 5 minutes (rounded up to a minute), got {lifetime}");

        using var anon = _server.Client(); // no Authorization header: what an <img> sends
        using (var download = await anon.GetAsync(links.DownloadUrl))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("sunset.png", download.Content.Headers.ContentDisposition.FileNameStar);
            AssertSafeHeaders(download, "image/png");
        }
        using (var inline = await anon.GetAsync(links.InlineUrl))
        {
            Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
            Assert.Equal("inline", inline.Content.Headers.ContentDisposition!.DispositionType);
            AssertSafeHeaders(inline, "image/png");
        }
        using (var thumb = await anon.GetAsync(links.ThumbnailUrl))
        {
            Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
            Assert.Equal("inline", thumb.Content.Headers.ContentDisposition!.DispositionType);
            AssertSafeHeaders(thumb, "image/png");
        }
        // Ranges work on signed links too (video seeking).
        using var ranged = new HttpRequestMessage(HttpMethod.Get, links.DownloadUrl) { Headers = { Range = new System.Net.Http.Headers.RangeHeaderValue(0, 9) } };
        using var partial = await anon.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bytes[..10], await partial.Content.ReadAsByteArrayAsync());
    }

    private static void AssertSafeHeaders(HttpResponseMessage res, string type)
    {
        Assert.Equal(type, res.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", string.Join(",", res.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("sandbox", string.Join(",", res.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page.html", "text/html")]
    [InlineData("tool.bin", "application/octet-stream")]
    public async Task InlineLink_NotIssuedForActiveOrUnknownContent(string name, string declared)
    {
        var alice = await _server.UserAsync();
        var file = await alice.UploadAsync("<script>alert(1)</script>"u8.ToArray(), name, declared);
        var links = await LinksAsync(alice, file.Id);
        Assert.Null(links.InlineUrl);
        Assert.Null(links.ThumbnailUrl);

        // Even a correctly signed inline link (forged here with the server's own key) is served as an attachment.
        var signer = _server.Services.GetRequiredService<FileLinks>();
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        using var anon = _server.Client();
        using var res = await anon.GetAsync($"/api/v1/files/{file.Id}?variant=inline&uid={alice.Id}&exp={exp}&sig={signer.Sign(file.Id, "inline", alice.Id, exp)}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("attachment", res.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("application/octet-stream", res.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TextFile_InlineLinkServesPlainText()
    {
        var alice = await _server.UserAsync();
        var file = await alice.UploadAsync("<b>not bold</b>"u8.ToArray(), "notes.txt", "text/html");
        var links = await LinksAsync(alice, file.Id);
        using var anon = _server.Client();
        using var res = await anon.GetAsync(links.InlineUrl);
        Assert.Equal("text/plain; charset=utf-8", res.Content.Headers.ContentType!.ToString());
        Assert.Equal("inline", res.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task TamperedLinks_AreRefusedWithLinkInvalid()
    {
        var (_, bob, image, _, _) = await SharedImageAsync();
        var links = await LinksAsync(bob, image.Id);
        var q = HttpUtility.ParseQueryString(new Uri(_server.BaseAddress, links.DownloadUrl).Query);
        var sig = q["sig"]!;
        var flipped = (sig[0] == 'A' ? 'B' : 'A') + sig[1..];
        string[] forged =
        [
            $"/api/v1/files/{image.Id}?variant=download&uid={q["uid"]}&exp={q["exp"]}&sig={flipped}",               // signature changed
            $"/api/v1/files/{image.Id}?variant=download&uid={q["uid"]}&exp={long.Parse(q["exp"]!) + 3600}&sig={sig}", // lifetime stretched
            $"/api/v1/files/{image.Id}?variant=download&uid={long.Parse(q["uid"]!) + 1}&exp={q["exp"]}&sig={sig}",   // another user
            $"/api/v1/files/{image.Id + 1}?variant=download&uid={q["uid"]}&exp={q["exp"]}&sig={sig}",               // another file
            $"/api/v1/files/{image.Id}?variant=inline&uid={q["uid"]}&exp={q["exp"]}&sig={sig}",                     // other variant
            $"/api/v1/files/{image.Id}/thumbnail?variant=download&uid={q["uid"]}&exp={q["exp"]}&sig={sig}",         // download sig on the thumbnail
            $"/api/v1/files/{image.Id}/thumbnail?variant=thumbnail&uid={q["uid"]}&exp={q["exp"]}&sig={sig}",        // relabelled as thumbnail
            $"/api/v1/files/{image.Id}?variant=download&uid=x&exp=-1&sig={sig}",                                  // garbage numbers
            $"/api/v1/files/{image.Id}?variant=download&uid={q["uid"]}&exp={q["exp"]}&sig=",                       // empty signature
        ];
        using var anon = _server.Client();
        foreach (var url in forged)
            Assert.True((HttpStatusCode.Forbidden, "link_invalid") == await bob.StatusAsync(anon.GetAsync(url)), $"forged link was not refused as link_invalid: {url}");
        // The untouched link still works.
        using var ok = await anon.GetAsync(links.DownloadUrl);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task ExpiredLink_IsRefusedWithLinkExpired()
    {
        var (_, bob, image, _, _) = await SharedImageAsync();
        var signer = _server.Services.GetRequiredService<FileLinks>();
        var exp = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        using var anon = _server.Client();
        Assert.Equal((HttpStatusCode.Forbidden, "link_expired"), await bob.StatusAsync(
            anon.GetAsync($"/api/v1/files/{image.Id}?variant=download&uid={bob.Id}&exp={exp}&sig={signer.Sign(image.Id, "download", bob.Id, exp)}")));
    }

    [Fact]
    public async Task NonMember_GetsNoLink_AndLinksDieWhenAccessEnds()
    {
        var (alice, bob, image, _, groupId) = await SharedImageAsync();
        var eve = await _server.UserAsync();
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await eve.StatusAsync(eve.Http.PostAsync($"/api/v1/files/{image.Id}/links", null)));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await eve.StatusAsync(eve.Http.PostAsync($"/api/v1/files/{image.Id + 1000}/links", null)));

        // An unsent upload: only its uploader gets links.
        var draft = await alice.UploadAsync([1, 2, 3], "draft.bin");
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await bob.StatusAsync(bob.Http.PostAsync($"/api/v1/files/{draft.Id}/links", null)));
        Assert.NotNull((await LinksAsync(alice, draft.Id)).DownloadUrl);

        // Bob leaves: his outstanding link stops working at once, like his access to the message.
        var links = await LinksAsync(bob, image.Id);
        using var anon = _server.Client();
        using (var before = await anon.GetAsync(links.ThumbnailUrl)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        using var left = await bob.Http.PostAsync($"/api/v1/conversations/{groupId}/leave", null);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await bob.StatusAsync(anon.GetAsync(links.ThumbnailUrl)));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await bob.StatusAsync(anon.GetAsync(links.DownloadUrl)));
    }

    [Fact]
    public async Task NoSignatureAndNoBearer_Is401()
    {
        var (_, _, image, _, _) = await SharedImageAsync();
        using var anon = _server.Client();
        using var res = await anon.GetAsync($"/api/v1/files/{image.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
    }

    [Fact]
    public void LinkKey_IsGeneratedOnceWithOwnerOnlyMode_AndReusedAfterRestart()
    {
        var first = _server.Services.GetRequiredService<FileLinkKey>().Bytes;
        if (TestDatabase.IsPostgres)
        {
            // Cluster storage: the key lives in the shared database (FileLinkSharedKeyTests), never in one node's folder.
            Assert.Equal(first, FileLinkKey.LoadOrCreateShared(_server.Services.GetRequiredService<Parley.Server.Storage.Database>()));
            Assert.False(Directory.Exists(Path.Combine(_server.DataDirectory, "keys")));
            return;
        }
        var path = Path.Combine(_server.DataDirectory, "keys", FileLinkKey.FileName);
        Assert.True(File.Exists(path), "the key is created at first use under {data}/keys");
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(32, first.Length);
        Assert.Equal(first, FileLinkKey.LoadOrCreate(path)); // a second process (or a restart) reads the same key
    }

    [Fact]
    public async Task ConfiguredKey_IsUsed_SoEveryNodeSignsAlike()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        await using var one = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Files:LinkSigningKey"] = key, ["Parley:Files:LinkLifetime"] = "00:02:00" });
        Assert.Equal(Convert.FromBase64String(key), one.Services.GetRequiredService<FileLinkKey>().Bytes);
        Assert.False(File.Exists(Path.Combine(one.DataDirectory, "keys", FileLinkKey.FileName)), "no key file when the key is configured");
        var alice = await one.UserAsync();
        var file = await alice.UploadAsync([9, 9], "a.bin");
        var links = await alice.Ok<FileLinksDto>(alice.Http.PostAsync($"/api/v1/files/{file.Id}/links", null));
        var lifetime = links.ExpiresAt - DateTimeOffset.UtcNow;
        Assert.True(lifetime > TimeSpan.FromMinutes(1.9) && lifetime <= TimeSpan.FromMinutes(3), $"LinkLifetime is configurable, got {lifetime}");
    }

    [Fact]
    public void Options_RefuseShortKeyAndSillyLifetime()
    {
        var result = new FilesOptionsValidation().Validate(null, new FilesOptions { LinkSigningKey = Convert.ToBase64String(new byte[16]), LinkLifetime = TimeSpan.Zero });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("LinkSigningKey", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("LinkLifetime", StringComparison.Ordinal));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Avatars;
using Parley.Server.Features.Files;
using Parley.Server.Tests.Infrastructure;
using SkiaSharp;

namespace Parley.Server.Tests.Identity;

/// <summary>
/// Uploaded avatars: every accepted format, the chosen square really cut out (pixels checked), the limits that keep a
/// hostile picture from costing memory, caching by versioned URL, the change reaching others live and after a reload,
/// removal by the user and by an administrator, and the audit trail.
/// </summary>
public class AvatarTests : IAsyncLifetime
{
    private TestServer _server = null!;

    // Small limits, so the tests can cross them with small pictures: 300 KB per upload, 4 MiB per decode (a 1000 × 1000 PNG needs 4 MB).
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Avatars:MaxBytes"] = "300000",
        ["Parley:Files:MaxThumbnailDecodeBytes"] = "3000000",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<HttpResponseMessage> Put(Session s, byte[] body, string type, string query = "")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return s.Http.PutAsync("/api/v1/users/me/avatar" + query, content);
    }

    private static async Task<SKBitmap> Fetch(Session s, string avatarUrl, int size)
    {
        using var res = await s.Http.GetAsync($"{avatarUrl}&size={size}");
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"GET {avatarUrl} gave {(int)res.StatusCode}");
        Assert.Equal("image/webp", res.Content.Headers.ContentType!.MediaType);
        return SKBitmap.Decode(await res.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A picture whose left half is red and right half blue.</summary>
    private static byte[] TwoColours(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }

    private static bool IsRed(SKColor c) => c.Red > 200 && c.Blue < 60;
    private static bool IsBlue(SKColor c) => c.Blue > 200 && c.Red < 60;

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public async Task Upload_EachFormat_ServesSquareRenditions(SKEncodedImageFormat format, string type)
    {
        var alice = await _server.UserAsync();
        var me = await alice.Ok<UserDto>(Put(alice, TwoColours(300, 200, format), type));
        Assert.StartsWith($"/api/v1/users/{alice.Id}/avatar?v=", me.AvatarUrl);
        foreach (var side in new[] { 64, 256, 512 })
        {
            using var bitmap = await Fetch(alice, me.AvatarUrl!, side);
            Assert.Equal((side, side), (bitmap.Width, bitmap.Height));
        }
        // Without a square the largest centred one is kept: x 50–250 of 300, so red on the left half, blue on the right.
        using var small = await Fetch(alice, me.AvatarUrl!, 64);
        Assert.True(IsRed(small.GetPixel(8, 32)) && IsBlue(small.GetPixel(56, 32)), $"centred square: {small.GetPixel(8, 32)} / {small.GetPixel(56, 32)}");
    }

    [Fact]
    public async Task Upload_Gif_KeepsTheFirstFrame()
    {
        var alice = await _server.UserAsync();
        var me = await alice.Ok<UserDto>(Put(alice, TwoFrameGif(), "image/gif"));
        using var bitmap = await Fetch(alice, me.AvatarUrl!, 64);
        Assert.True(IsRed(bitmap.GetPixel(32, 32)), $"the first frame is red; got {bitmap.GetPixel(32, 32)}");
    }

    [Theory]
    [InlineData(100, 0, 100, false)] // the right half: all blue
    [InlineData(0, 0, 100, true)] // the left half: all red
    public async Task Upload_WithSquare_KeepsExactlyThatSquare(int x, int y, int size, bool red)
    {
        var alice = await _server.UserAsync();
        var me = await alice.Ok<UserDto>(Put(alice, TwoColours(200, 100), "image/png", $"?x={x}&y={y}&size={size}"));
        using var bitmap = await Fetch(alice, me.AvatarUrl!, 256);
        foreach (var (px, py) in new[] { (2, 2), (253, 2), (128, 128), (2, 253), (253, 253) })
        {
            var c = bitmap.GetPixel(px, py);
            Assert.True(red ? IsRed(c) : IsBlue(c), $"pixel ({px},{py}) of square ({x},{y},{size}) is {c}");
        }
    }

    [Fact]
    public async Task Limits_AreProblemsWithCodes_AndStoreNothing()
    {
        var alice = await _server.UserAsync();
        // Decided by the bytes, not the declared type; a type that is no accepted image is refused by routing already.
        var svg = "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray();
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, ErrorCodes.ImageUnsupported), await alice.StatusAsync(Put(alice, svg, "application/octet-stream")));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, ErrorCodes.ImageUnsupported), await alice.StatusAsync(Put(alice, svg, "image/png")));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType), await alice.StatusAsync(Put(alice, svg, "image/svg+xml")));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, ErrorCodes.FileTooLarge), await alice.StatusAsync(Put(alice, new byte[300_001], "image/png")));
        // A 60-byte PNG announcing 2.5 gigapixels: refused from its header.
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, ErrorCodes.ImageTooLarge), await alice.StatusAsync(Put(alice, Files.ImageTests.PngHeaderOnly(50_000, 50_000), "image/png")));
        // Under the pixel limit but its decode (4 MB) is over the budget (3 MB): a zero-filled PNG compresses to almost nothing.
        var flat = FlatPng(1000, 1000);
        Assert.True(flat.Length < 300_000);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, ErrorCodes.ImageTooLarge), await alice.StatusAsync(Put(alice, flat, "image/png")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(Put(alice, TwoColours(200, 100), "image/png", "?x=150&y=0&size=100")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(Put(alice, TwoColours(200, 100), "image/png", "?x=0&y=0")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(Put(alice, [], "image/png")));
        Assert.Null((await alice.Ok<UserDto>(alice.Http.GetAsync("/api/v1/users/me"))).AvatarUrl);
        Assert.Equal(0, Files.FileClient.CountRows(_server, "user_avatars"));
        Assert.Empty(Directory.GetFiles(_server.Services.GetRequiredService<FileService>().StagingDirectory));
    }

    [Fact]
    public async Task Get_VersionedUrlIsImmutable_OthersRevalidate_ETagAnswers304()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var me = await alice.Ok<UserDto>(Put(alice, TwoColours(120, 120), "image/png"));

        using var versioned = await bob.Http.GetAsync(me.AvatarUrl + "&size=64");
        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        var caching = versioned.Headers.CacheControl!;
        Assert.True(caching.Private && caching.MaxAge == TimeSpan.FromDays(365) && caching.Extensions.Any(e => e.Name == "immutable"), $"versioned: {caching}");
        var etag = versioned.Headers.ETag!;

        using var plain = await bob.Http.GetAsync($"/api/v1/users/{alice.Id}/avatar?size=64");
        Assert.True(plain.Headers.CacheControl is { Private: true, NoCache: true, MaxAge: null }, $"unversioned: {plain.Headers.CacheControl}");
        Assert.Equal(etag, plain.Headers.ETag);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/users/{alice.Id}/avatar?size=64");
        revalidate.Headers.IfNoneMatch.Add(etag);
        using var notModified = await bob.Http.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await bob.StatusAsync(bob.Http.GetAsync($"/api/v1/users/{alice.Id}/avatar?size=100")));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await bob.StatusAsync(bob.Http.GetAsync($"/api/v1/users/{bob.Id}/avatar")));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await bob.StatusAsync(bob.Http.GetAsync("/api/v1/users/987654/avatar")));
        using var anonymous = _server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(me.AvatarUrl)).StatusCode);
    }

    [Fact]
    public async Task Change_ReachesOthersLiveAndAfterReload_OldBlobsAreDeleted()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var dm = await alice.CreateAsync(ConversationKinds.Direct, null, bob.Id);
        await using var bobHub = _server.Hub(bob.Token);
        var bobEvents = new EventCollector(bobHub);
        await using var outsiderHub = _server.Hub(outsider.Token);
        var outsiderEvents = new EventCollector(outsiderHub);
        await bobHub.StartAsync();
        await outsiderHub.StartAsync();

        var first = await alice.Ok<UserDto>(Put(alice, TwoColours(100, 100), "image/png"));
        var live = await bobEvents.WaitAsync(e => e.Type == EventTypes.UserUpdated && e.Data.GetProperty("avatarUrl").GetString() == first.AvatarUrl, "user.updated with the new avatar");
        Assert.Equal(alice.Id, live.Data.GetProperty("id").GetInt64());

        // After a reload: every read of alice carries the same URL.
        Assert.Equal(first.AvatarUrl, (await bob.Ok<UserDto>(bob.Http.GetAsync($"/api/v1/users/{alice.Id}"))).AvatarUrl);
        Assert.Equal(first.AvatarUrl, (await bob.Ok<ListResponse<MemberDto>>(bob.Http.GetAsync($"/api/v1/conversations/{dm.Id}/members"))).Items.Single(m => m.UserId == alice.Id).AvatarUrl);
        Assert.Equal(first.AvatarUrl, (await bob.Ok<DirectoryProfileDto>(bob.Http.GetAsync($"/api/v1/directory/users/{alice.Id}"))).AvatarUrl);
        Assert.Equal(first.AvatarUrl, (await bob.Ok<ListResponse<DirectoryEntryDto>>(bob.Http.GetAsync($"/api/v1/directory/search?q={alice.User.Username}"))).Items.Single().AvatarUrl);

        var firstKey = (await _server.Services.GetRequiredService<AvatarStore>().FindAsync(alice.Id))!.BlobKey;
        var second = await alice.Ok<UserDto>(Put(alice, TwoColours(100, 100, SKEncodedImageFormat.Jpeg), "image/jpeg", "?x=60&y=10&size=40"));
        Assert.NotEqual(first.AvatarUrl, second.AvatarUrl);
        await bobEvents.WaitAsync(e => e.Type == EventTypes.UserUpdated && e.Data.GetProperty("avatarUrl").GetString() == second.AvatarUrl, "user.updated with the second avatar");
        var blobs = _server.Services.GetRequiredService<IBlobStore>();
        foreach (var side in AvatarRenderer.Sides)
            Assert.Null(await blobs.OpenReadAsync(AvatarStore.BlobOf(firstKey, side), 0, 1, CancellationToken.None));

        // A rename travels the same way.
        await alice.Ok<DirectoryProfileDto>(alice.Http.PutAsJsonAsync("/api/v1/users/me/profile", new UpdateProfileRequest("Alice Renamed", null, null)));
        await bobEvents.WaitAsync(e => e.Type == EventTypes.UserUpdated && e.Data.GetProperty("displayName").GetString() == "Alice Renamed", "user.updated with the new name");
        Assert.DoesNotContain(outsiderEvents.All, e => e.Type == EventTypes.UserUpdated);
    }

    [Fact]
    public async Task Remove_BySelfAndByAdministrator_IsAudited()
    {
        var admin = await _server.AdminAsync();
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        await alice.Ok<UserDto>(Put(alice, TwoColours(80, 80), "image/png"));
        var removed = await alice.Ok<UserDto>(alice.Http.DeleteAsync("/api/v1/users/me/avatar"));
        Assert.Null(removed.AvatarUrl);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await bob.StatusAsync(bob.Http.GetAsync($"/api/v1/users/{alice.Id}/avatar")));
        Assert.Null((await alice.Ok<UserDto>(alice.Http.DeleteAsync("/api/v1/users/me/avatar"))).AvatarUrl); // again: nothing to do

        await alice.Ok<UserDto>(Put(alice, TwoColours(80, 80), "image/png"));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), await bob.StatusAsync(bob.Http.DeleteAsync($"/api/v1/users/{alice.Id}/avatar")));
        Assert.Null((await admin.Ok<UserDto>(admin.Http.DeleteAsync($"/api/v1/users/{alice.Id}/avatar"))).AvatarUrl);
        Assert.Null((await bob.Ok<UserDto>(bob.Http.GetAsync($"/api/v1/users/{alice.Id}"))).AvatarUrl);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await admin.StatusAsync(admin.Http.DeleteAsync("/api/v1/users/987654/avatar")));

        var audit = (await admin.Ok<AuditPage>(admin.Http.GetAsync($"/api/v1/audit?action=user.avatar_changed&targetId={alice.Id}"))).Items;
        Assert.Equal(["removed", "set", "removed", "set"], audit.Select(e => e.Details!.Value.GetProperty("action").GetString()));
        Assert.Equal([admin.Id, alice.Id, alice.Id, alice.Id], audit.Select(e => e.ActorId!.Value));
        Assert.Equal(0, Files.FileClient.CountRows(_server, "user_avatars"));
    }

    [Theory]
    [InlineData("+86 (10) 1234-5678", true)]
    [InlineData("010-12345678 转 801", true)]
    [InlineData("+1 555 0100 ext. 12", true)]
    [InlineData("", true)]
    [InlineData("call me maybe", false)]
    [InlineData("12", false)]
    [InlineData("+86 138 0013 8000 +1", false)]
    public async Task Phone_IsValidated(string phone, bool valid)
    {
        var alice = await _server.UserAsync();
        var call = alice.Http.PutAsJsonAsync("/api/v1/users/me/profile", new UpdateProfileRequest(null, null, phone));
        if (valid) Assert.Equal(phone.Length == 0 ? null : phone, (await alice.Ok<DirectoryProfileDto>(call)).Phone);
        else Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(call));
    }

    private static byte[] FlatPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.Black);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// An animated GIF of two 4 × 4 frames: red, then green (Skia cannot encode GIF, so it is written by hand). Each frame
    /// is 16 pixels of colour index 0 in its own colour table, LZW-coded with 3-bit codes: clear, then literal 0s, end.
    /// </summary>
    private static byte[] TwoFrameGif()
    {
        using var ms = new MemoryStream();
        ms.Write("GIF89a"u8);
        ms.Write([4, 0, 4, 0, 0x00, 0, 0]); // 4 × 4, no global colour table
        ms.Write([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 0x03, 0x01, 0x00, 0x00, 0x00]); // loop for ever
        foreach (var colour in new[] { (R: (byte)255, G: (byte)0), (R: (byte)0, G: (byte)255) })
        {
            ms.Write([0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00]); // graphic control: 100 ms
            ms.Write([0x2C, 0, 0, 0, 0, 4, 0, 4, 0, 0x80]); // image at 0,0, 4 × 4, local table of 2 entries
            ms.Write([colour.R, colour.G, 0, 0, 0, 0]);
            ms.Write([0x02]); // minimum code size 2: clear = 4, end = 5, 3-bit codes
            var codes = new List<int> { 4 };
            codes.AddRange(Enumerable.Repeat(0, 16)); // literals only (a decoder grows its table, which literals need not use)
            codes.Add(5);
            ms.Write(PackCodes(codes));
            ms.WriteByte(0x00);
        }
        ms.WriteByte(0x3B);
        return ms.ToArray();
    }

    /// <summary>LZW codes, least-significant bit first, with the width growing as a decoder's table does (3 bits, then 4 at 8 entries).</summary>
    private static byte[] PackCodes(IReadOnlyList<int> codes)
    {
        var bits = new List<bool>();
        var width = 3;
        var next = 6; // first free table entry after clear (4) and end (5)
        for (var i = 0; i < codes.Count; i++)
        {
            for (var b = 0; b < width; b++) bits.Add(((codes[i] >> b) & 1) == 1);
            // After the first literal following a clear, every code adds one entry to the decoder's table.
            if (i >= 2 && codes[i] != 5)
            {
                next++;
                if (next == 1 << width && width < 12) width++;
            }
        }
        var bytes = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++) if (bits[i]) bytes[i / 8] |= (byte)(1 << (i % 8));
        return [(byte)bytes.Length, .. bytes];
    }
}

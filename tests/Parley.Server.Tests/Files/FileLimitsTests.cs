using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Features.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

public class FileLimitsTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Files:MaxFileSize"] = "100000",
        ["Parley:Files:UserQuota"] = "150000",
    });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TooLarge_Blocked_OverQuota_AreClear4xx_AndWriteNoRow()
    {
        var alice = await _server.UserAsync();
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "file_too_large"), await alice.StatusAsync(alice.PostFile(new byte[100_001], "big.bin")));
        // Past the raised Kestrel limit (MaxFileSize + 64 KiB framing) the server's own limit answers, with the same code.
        // Expect: 100-continue lets the client hear the refusal instead of writing into a closed connection.
        using var huge = new HttpRequestMessage(HttpMethod.Post, "/api/v1/files") { Content = FileClient.Multipart(new byte[300_000], "huge.bin") };
        huge.Headers.ExpectContinue = true;
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "file_too_large"), await alice.StatusAsync(alice.Http.SendAsync(huge)));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "file_type_blocked"), await alice.StatusAsync(alice.PostFile([1], "setup.EXE")));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "file_type_blocked"), await alice.StatusAsync(alice.PostFile([1], "tool.bin", "application/x-msdownload")));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "file_too_large"), await alice.StatusAsync(
            alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("big.bin", 100_001, null))));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"), await alice.StatusAsync(
            alice.Http.PostAsync("/api/v1/files", new ByteArrayContent([1, 2, 3]))));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), await alice.StatusAsync(
            alice.Http.PostAsync("/api/v1/files", FileClient.Multipart([1], "a.bin", field: "other"))));

        await alice.UploadAsync(new byte[90_000], "first.bin");
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "quota_exceeded"), await alice.StatusAsync(alice.PostFile(new byte[70_000], "second.bin")));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "quota_exceeded"), await alice.StatusAsync(
            alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("second.bin", 70_000, null))));

        Assert.Equal(1, FileClient.CountRows(_server, "files"));
        Assert.Equal(0, FileClient.CountRows(_server, "uploads"));
        Assert.Single(Directory.GetFiles(Path.Combine(_server.DataDirectory, "files"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(Path.Combine(_server.DataDirectory, "uploads")));

        // Another user has their own quota.
        var bob = await _server.UserAsync();
        await bob.UploadAsync(new byte[70_000], "bobs.bin");
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData("..", "file")]
    [InlineData("a\u0000b\u0007c\r\n.txt", "abc.txt")]
    [InlineData("invoice\u202Etxt.pdf", "invoicetxt.pdf")]
    [InlineData("  .hidden  ", "hidden")]
    [InlineData("CON.txt", "_CON.txt")]
    [InlineData("what?<>|*.txt", "what_____.txt")]
    [InlineData("报告.docx", "报告.docx")]
    public void Sanitize_HostileNames(string raw, string expected) => Assert.Equal(expected, FileNames.Sanitize(raw, 180));

    [Fact]
    public void Sanitize_OverLongName_KeepsExtension_AndNeverSplitsASurrogatePair()
    {
        var name = FileNames.Sanitize(new string('a', 1000) + ".pdf", 180);
        Assert.Equal(180, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
        var emoji = FileNames.Sanitize(string.Concat(Enumerable.Repeat("😀", 200)) + ".png", 180);
        Assert.True(emoji.Length <= 180 && !char.IsHighSurrogate(emoji[^5]), "a cut must not leave half a surrogate pair");
    }

    [Fact]
    public async Task HostileName_OverTheWire_IsStoredSanitized_AndRtlTrickCannotHideAnExecutable()
    {
        var alice = await _server.UserAsync();
        var file = await alice.UploadAsync([1], "../../" + new string('x', 1000) + ".txt");
        Assert.DoesNotContain("/", file.Name, StringComparison.Ordinal);
        Assert.True(file.Name.Length <= 180);
        // "photo\u202Egpj.exe" shows as "photoexe.jpg"; once the override is gone it is plainly .exe, and refused.
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "file_type_blocked"), await alice.StatusAsync(alice.PostFile([1], "photo\u202Egpj.exe")));
    }
}

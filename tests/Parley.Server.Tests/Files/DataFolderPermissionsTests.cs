using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>
/// The data folder holds every message and file: nobody but the server's user may read it, whatever the umask
/// (issue 13, item 14: the database and the blobs were created 0644 inside a 0755 folder).
/// </summary>
public class DataFolderPermissionsTests : IAsyncLifetime
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(); // the test harness creates the folder 0755 first
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix modes; the server runs on Linux
    public async Task DataFolder_DatabaseBlobsAndStaging_AreOwnerOnly()
    {
        var alice = await _server.UserAsync();
        var room = await alice.CreateAsync(ConversationKinds.Channel, "private");
        await alice.SendAsync(room.Id, "a secret");
        await alice.UploadAsync(FileClient.Image(400, 300), "pic.png", "image/png"); // a blob and its thumbnail
        var upload = await alice.Ok<UploadDto>(alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("big.bin", 100_000, null)));

        var data = _server.DataDirectory;
        var paths = new List<string> { data, Path.Combine(data, "files"), Path.Combine(data, "uploads"), Path.Combine(data, "uploads", upload.UploadId + ".part") };
        paths.AddRange(Directory.GetFileSystemEntries(Path.Combine(data, "files"), "*", SearchOption.AllDirectories));
        if (!TestDatabase.IsPostgres) paths.AddRange([Path.Combine(data, "parley.db"), Path.Combine(data, "parley.db-wal")]);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(data, "files"), "*", SearchOption.AllDirectories).Length); // the blob and its thumbnail

        var open = paths
            .Select(p => (Path: Path.GetRelativePath(data, p), Mode: File.GetUnixFileMode(p), Folder: Directory.Exists(p)))
            .Where(e => e.Mode != (e.Folder ? OwnerOnlyFolder : OwnerOnlyFile))
            .Select(e => $"{e.Path}: {Convert.ToString((int)e.Mode, 8)}")
            .ToList();
        Assert.True(open.Count == 0, "readable by other local users (want folders 700, files 600):\n" + string.Join("\n", open));
    }
}

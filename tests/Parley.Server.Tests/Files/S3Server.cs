using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>
/// A real S3-compatible server for the S3 backend tests: s3rver (MIT, a Node implementation of the S3 REST
/// API) from tests/s3, on a free loopback port, in a temporary folder; stopped by its PID. The npm packages
/// are installed from tests/s3/package-lock.json when scripts/test.sh has not done it already.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string Bucket = "parley-test";
    public const string AccessKey = "S3RVER"; // s3rver's fixed credentials
    public const string SecretKey = "S3RVER";

    private Process? _process;
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "parley-s3-" + Guid.NewGuid().ToString("N"));
    public Uri ServiceUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var s3 = NodeTools.Folder("s3");
        await NodeTools.InstallAsync(s3, "s3rver");
        System.IO.Directory.CreateDirectory(Directory);
        var port = Ports.Free();
        _process = await NodeTools.StartAsync(s3, "s3rver", port.ToString(System.Globalization.CultureInfo.InvariantCulture), Directory, Bucket);
        ServiceUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        await NodeTools.StopAsync(_process);
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }

    public IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Parley:Files:Provider"] = "S3",
        ["Parley:Files:S3:ServiceUrl"] = ServiceUrl.ToString(),
        ["Parley:Files:S3:Bucket"] = Bucket,
        ["Parley:Files:S3:AccessKey"] = AccessKey,
        ["Parley:Files:S3:SecretKey"] = SecretKey,
        ["Parley:Files:S3:ForcePathStyle"] = "true",
        ["Parley:Files:S3:Prefix"] = "parley/",
    };

    /// <summary>Object keys s3rver holds (it stores each object as a folder of files on disk).</summary>
    public int ObjectCount() =>
        System.IO.Directory.Exists(Path.Combine(Directory, Bucket))
            ? System.IO.Directory.GetFiles(Path.Combine(Directory, Bucket), "*._S3rver_object", SearchOption.AllDirectories).Length
            : 0;
}

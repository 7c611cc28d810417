using System.IO.Compression;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Compliance;

/// <summary>What the export tests share: waiting for a background export to end, and reading its zip.</summary>
internal static class ExportDownloads
{
    /// <summary>Asks for the export at <paramref name="url"/> every 100 ms until it is done or failed (30 s at most).</summary>
    public static async Task<T> WaitUntilEndedAsync<T>(Session s, string url, Func<T, string> status)
    {
        for (var i = 0; i < 300; i++)
        {
            var export = await s.Ok<T>(s.Http.GetAsync(url));
            if (status(export) is ExportStatuses.Done or ExportStatuses.Failed) return export;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the export at {url} did not finish in 30 s");
    }

    /// <summary>Every entry of a zip, by its name.</summary>
    public static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        });
    }
}

using System.Collections.Concurrent;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Files;

/// <summary>
/// One request at a time per resumable upload: two PATCHes racing on the same offset would interleave
/// bytes, and a PATCH racing a complete would store half a file. Node-local, like the staging files.
/// </summary>
public sealed class UploadLocks
{
    private readonly ConcurrentDictionary<string, byte> _busy = new(StringComparer.Ordinal);

    public IDisposable Acquire(string uploadId) =>
        TryAcquire(uploadId) ?? throw new ParleyException(409, ErrorCodes.UploadBusy, "Another request is writing this upload; retry when it has finished.", TimeSpan.FromSeconds(1));

    public IDisposable? TryAcquire(string uploadId) => _busy.TryAdd(uploadId, 0) ? new Release(_busy, uploadId) : null;

    private sealed class Release(ConcurrentDictionary<string, byte> busy, string id) : IDisposable
    {
        public void Dispose() => busy.TryRemove(id, out _);
    }
}

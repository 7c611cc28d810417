using Parley.Contracts;

namespace Parley.Server.Operations.Health;

/// <summary>The newest server-side errors of this node (a small ring under a lock: errors are rare, never a hot path).</summary>
public sealed class RecentErrors(TimeProvider time)
{
    private const int Capacity = 20;
    private readonly Queue<RecentErrorDto> _items = new(Capacity);

    public void Add(string code, string where)
    {
        var item = new RecentErrorDto(time.GetUtcNow(), code, where);
        lock (_items)
        {
            if (_items.Count == Capacity) _items.Dequeue();
            _items.Enqueue(item);
        }
    }

    public IReadOnlyList<RecentErrorDto> Newest()
    {
        lock (_items) return [.. _items.Reverse()];
    }

    /// <summary>Codes that mean the server failed, not the client.</summary>
    public static bool IsServerSide(string code) => code is ErrorCodes.Internal or ErrorCodes.Unavailable or "commit_failed";
}

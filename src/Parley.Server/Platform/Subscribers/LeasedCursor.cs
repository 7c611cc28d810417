namespace Parley.Server.Platform.Subscribers;

/// <summary>
/// One leased subscriber's place in its log as its loop sees it: the position handled so far, how much of that is not
/// yet stored as the cursor, and when the cursor is due to be stored and the lease renewed. Storing the cursor renews
/// the lease too, so a busy subscriber never needs a separate renewal.
/// </summary>
internal sealed class LeasedCursor(SubscriberCursors cursors, string name, string node, SubscribersOptions options)
{
    private int _unsaved;
    private DateTime _saveAt = DateTime.MaxValue;
    private DateTime _renewAt = DateTime.MinValue;

    /// <summary>Handled up to here; null while this node does not hold the lease (or has to read it again).</summary>
    public LogPosition? Position { get; private set; }

    /// <summary>Handled events whose position is not stored yet (a crash now would replay them).</summary>
    public bool Unsaved => _unsaved > 0;

    public bool SaveDue => _unsaved > 0 && Position is not null && (DateTime.UtcNow >= _saveAt || DateTime.UtcNow >= _renewAt);

    /// <summary>Time to renew with nothing unsaved (with events unsaved, <see cref="SaveDue"/> renews by storing them).</summary>
    public bool RenewDue => _unsaved == 0 && DateTime.UtcNow >= _renewAt;

    /// <summary>Takes or renews the lease, reading the stored cursor. Only called with nothing unsaved (a save comes first).</summary>
    public async Task<bool> AcquireAsync(IEventSubscriber subscriber)
    {
        Position = await cursors.AcquireAsync(subscriber, node, options.LeaseDuration);
        if (Position is null) return false;
        _renewAt = DateTime.UtcNow + options.LeaseDuration / 3;
        return true;
    }

    public void Handled(LogPosition last, int count)
    {
        if (_unsaved == 0) _saveAt = DateTime.UtcNow + options.CursorInterval;
        _unsaved += count;
        Position = last;
    }

    /// <summary>Stores the position and renews the lease; false (and forgets the position) when another node holds the lease now.</summary>
    public async Task<bool> SaveAsync()
    {
        var ok = await cursors.AdvanceAsync(name, node, Position!.Value, _unsaved, options.LeaseDuration);
        _unsaved = 0;
        _saveAt = DateTime.MaxValue;
        if (!ok)
        {
            Position = null;
            return false;
        }
        _renewAt = DateTime.UtcNow + options.LeaseDuration / 3;
        return true;
    }

    /// <summary>
    /// How long an idle wait may last: the poll interval, cut short when the lease is due for renewal or unsaved events
    /// are due to be stored (so a wait and the batch window after it never hold a renewal back by more than the window).
    /// </summary>
    public TimeSpan WaitLimit(TimeSpan poll)
    {
        var due = _unsaved == 0 ? _renewAt : _saveAt < _renewAt ? _saveAt : _renewAt;
        var left = due - DateTime.UtcNow;
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left < poll ? left : poll;
    }

    /// <summary>Check the lease before going on (after a wait that may have outlasted it); unsaved events are stored first.</summary>
    public void RenewNow() => _renewAt = DateTime.MinValue;

    /// <summary>Drops the position after a failure, so the loop reads the stored cursor again (and replays from it).</summary>
    public void Forget()
    {
        Position = null;
        _unsaved = 0;
        _saveAt = DateTime.MaxValue;
    }
}

using System.Collections.Immutable;
using System.Threading.Channels;

namespace JlnbCrm.Changes;

/// <summary>
/// One per process: fans committed changes out to every listening subscriber. On SQLite the save path publishes
/// here after commit; on PostgreSQL the instance's LISTEN connection does (every instance hears every change).
/// </summary>
public sealed class ChangeFeed
{
    /// <summary>How many changes a slow subscriber may have waiting before the oldest are dropped.</summary>
    public const int Backlog = 1000;

    private ImmutableList<Channel<RowChange>> _listeners = [];
    private readonly TaskCompletionSource _live = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once changes flow (on PostgreSQL: once the LISTEN connection is up).</summary>
    public Task Live => _live.Task;

    public void MarkLive() => _live.TrySetResult();

    public void Publish(RowChange change)
    {
        foreach (var listener in _listeners) listener.Writer.TryWrite(change);
    }

    /// <summary>Every change published from now on, until the returned handle is disposed.</summary>
    public Listener Listen()
    {
        var channel = Channel.CreateBounded<RowChange>(new BoundedChannelOptions(Backlog)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
        });
        ImmutableInterlocked.Update(ref _listeners, list => list.Add(channel));
        return new Listener(channel.Reader, () =>
        {
            ImmutableInterlocked.Update(ref _listeners, list => list.Remove(channel));
            channel.Writer.TryComplete();
        });
    }

    public sealed class Listener(ChannelReader<RowChange> changes, Action stop) : IDisposable
    {
        public ChannelReader<RowChange> Changes => changes;

        public void Dispose() => stop();
    }
}

using JlnbCrm.Changes;
using JlnbCrm.Database;

namespace JlnbCrm.Graph.Subscriptions;

/// <summary>
/// The changes of one table that a subscriber may see. For each committed change it signs the subscriber in again
/// (a revoked credential closes the connection) and reads the row through that scope — the row filters and, on
/// PostgreSQL, row-level security — so a row the subscriber may not see is never sent.
/// </summary>
public sealed class VisibleChanges(ISubscriber subscriber, ChangedTable table,
    Func<CrmDbContext, long, CancellationToken, Task<object?>> read, ILogger logger) : IObservable<RowEvent>
{
    public IDisposable Subscribe(IObserver<RowEvent> observer)
    {
        // Listening starts now, before the subscribe message is answered by anything else on the connection.
        var listener = subscriber.Feed.Listen();
        var stop = new CancellationTokenSource();
        _ = Task.Run(() => ForwardAsync(listener, observer, stop.Token));
        return new Stopper(() =>
        {
            stop.Cancel();
            listener.Dispose();
        });
    }

    private async Task ForwardAsync(ChangeFeed.Listener listener, IObserver<RowEvent> observer, CancellationToken ct)
    {
        try
        {
            await foreach (var change in listener.Changes.ReadAllAsync(ct))
            {
                if (change.Table != table) continue;
                var scope = await subscriber.SignInAsync(ct);
                if (scope is null)
                {
                    await subscriber.RevokedAsync();
                    return;
                }
                var node = await ReadAsync(scope, change, ct);
                if (node is null) await scope.DisposeAsync();
                else observer.OnNext(new RowEvent(change.Action, node, scope));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the subscription was completed or the connection closed
        }
    }

    private async Task<object?> ReadAsync(SignedInScope scope, RowChange change, CancellationToken ct)
    {
        try
        {
            return await read(scope.Services.GetRequiredService<CrmDbContext>(), change.Id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Reading {Table} {Id} for a subscriber failed; the event is skipped.", change.Table, change.Id);
            return null;
        }
    }

    private sealed class Stopper(Action stop) : IDisposable
    {
        public void Dispose() => stop();
    }
}

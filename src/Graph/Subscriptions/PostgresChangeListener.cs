using JlnbCrm.Changes;
using JlnbCrm.Database;
using Npgsql;

namespace JlnbCrm.Graph.Subscriptions;

/// <summary>
/// The instance's one LISTEN connection on PostgreSQL: every committed change, from any instance, arrives here and
/// is fanned out to this instance's subscribers. LISTEN needs no table rights, so the app's own connection string
/// serves; it must reach the server directly (a transaction-mode pooler does not keep a session's LISTEN). If the
/// connection drops it is reopened; changes committed meanwhile are not replayed.
/// </summary>
public sealed class PostgresChangeListener(CrmStore store, ChangeFeed feed, ILogger<PostgresChangeListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The live-updates listener lost its PostgreSQL connection; reconnecting.");
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // Its own physical connection (not the pool's), with keepalives so a dead link is noticed.
        var settings = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Pooling = false, KeepAlive = 30 };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        connection.Notification += (_, e) =>
        {
            if (RowChange.Parse(e.Payload) is { } change) feed.Publish(change);
        };
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangeNotifier.Channel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken);
        feed.MarkLive();
        while (true) await connection.WaitAsync(stoppingToken);
    }
}

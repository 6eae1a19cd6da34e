using JlnbCrm.Domain;
using JlnbCrm.ServiceLevels;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// Every <c>Crm:Sla:ScanSeconds</c> (default 60) records the breaches that happened since the last scan, as the system
/// (the tables' owner, as start-up work runs). Several instances may scan at once: <see cref="SlaBreachRecorder"/>
/// claims each breach once. Ticks come from the app's <see cref="TimeProvider"/>, so tests drive it with a test clock
/// or call <see cref="ScanOnceAsync"/> directly.
/// </summary>
public sealed class SlaBreachScanner(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration,
    ILogger<SlaBreachScanner> log) : BackgroundService
{
    public TimeSpan Interval { get; } = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Crm:Sla:ScanSeconds", 60)));

    public async Task<int> ScanOnceAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Become(Actor.System);
        return await scope.ServiceProvider.GetRequiredService<SlaBreachRecorder>().RecordBreachesAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await ScanOnceAsync(stoppingToken) is > 0 and var recorded)
                    log.LogInformation("Recorded {Count} SLA breaches.", recorded);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed scan (database briefly unreachable) is retried at the next tick; nothing is half-written.
                log.LogError(e, "The SLA breach scan failed.");
            }
        }
    }
}

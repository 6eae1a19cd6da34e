using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// Ready to serve: the database answers and has every migration this build knows. Read as the system (the owner):
/// the migration history is the migrating login's alone, so the row-secured role could not read it.
/// </summary>
public sealed class SchemaReadiness(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Become(Actor.System);
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("The database does not answer.");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database answers and its schema is current.")
                : HealthCheckResult.Unhealthy($"The schema is behind: {pending.Count} migration(s) pending, first {pending[0]}.");
        }
        catch (Exception unreachable) when (unreachable is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database could not be read.", unreachable);
        }
    }
}

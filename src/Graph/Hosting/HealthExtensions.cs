using JlnbCrm.Database;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JlnbCrm.Graph.Hosting;

public static class HealthExtensions
{
    private const string Ready = "ready";

    /// <summary>
    /// The readiness checks (the instance is not stopping; database reachable, migrations current); liveness needs
    /// none.
    /// </summary>
    public static void AddCrmHealth(this IHostApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<NotStopping>("lifecycle", tags: [Ready])
            .AddCheck<SchemaReadiness>("database", tags: [Ready]);

    /// <summary>Unready from the stop signal on, so the load balancer drains it (<see cref="GracefulShutdown"/>).</summary>
    private sealed class NotStopping(IHostApplicationLifetime lifetime) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
                ? HealthCheckResult.Unhealthy("The instance is stopping.")
                : HealthCheckResult.Healthy("Running."));
    }

    /// <summary>
    /// GET /health/live: the process is up (no check: a database outage must not get instances restarted).
    /// GET /health/ready: 200 when the database answers with a current schema, else 503 (take it out of the pool).
    /// GET /health: the store answers, and which provider it is.
    /// </summary>
    public static void MapHealth(this WebApplication app)
    {
        // Probes are never rate limited: a refused probe would take a healthy instance out of the pool.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .DisableRateLimiting();
        app.MapGet("/health", async (CrmDbContext db, CancellationToken ct) =>
        {
            var reachable = await db.Database.CanConnectAsync(ct);
            return reachable
                ? Results.Ok(new { status = "ok", provider = db.Database.IsNpgsql() ? "postgresql" : "sqlite" })
                : Results.Json(new { status = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).DisableRateLimiting();
    }

    /// <summary>{"status":"Healthy","checks":{"database":"…"}}: what a person reading a probe's failure needs.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description ?? e.Value.Status.ToString());
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), checks }));
    }

    /// <summary>Prints where to point a browser once Kestrel is listening.</summary>
    public static void AnnounceUrls(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.WriteLine($"JLNB CRM is ready: open {address}/");
                Console.WriteLine($"  GraphQL endpoint {address}/graphql, IDE {address}/graphql/ui");
            }
        });
}

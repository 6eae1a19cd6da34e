using JlnbCrm.Database;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Hosting;

public static class HealthExtensions
{
    /// <summary>GET /health: the store answers, and which provider it is.</summary>
    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (CrmDbContext db, CancellationToken ct) =>
        {
            var reachable = await db.Database.CanConnectAsync(ct);
            return reachable
                ? Results.Ok(new { status = "ok", provider = db.Database.IsNpgsql() ? "postgresql" : "sqlite" })
                : Results.Json(new { status = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });

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

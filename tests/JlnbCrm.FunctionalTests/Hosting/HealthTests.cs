using System.Net;
using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Graph;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JlnbCrm.FunctionalTests.Hosting;

/// <summary>The probes a load balancer and an orchestrator call, over HTTP, without signing in.</summary>
public abstract class HealthTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    [Fact]
    public async Task Live_and_ready_answer_200_on_a_current_database_and_the_old_health_endpoint_stays()
    {
        var http = app.Browser();
        Assert.Equal(("Healthy", HttpStatusCode.OK), await ProbeAsync(http, "/health/live"));
        Assert.Equal(("Healthy", HttpStatusCode.OK), await ProbeAsync(http, "/health/ready"));
        var old = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal("ok", JsonNode.Parse(await old.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_pending_migration_while_live_stays_200()
    {
        // A schema one migration behind this build, as when a new version runs before the deploy step migrated
        // (the host is started first: it would otherwise migrate at start-up).
        var http = app.Browser();
        Assert.Equal(("Healthy", HttpStatusCode.OK), await ProbeAsync(http, "/health/ready"));
        await using var db = app.Db.Open();
        var history = db.GetService<IHistoryRepository>();
        var last = (await history.GetAppliedMigrationsAsync()).Last();
        await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(last.MigrationId));
        try
        {
            var ready = await http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
            Assert.Equal("Unhealthy", body["status"]!.GetValue<string>());
            Assert.Contains(last.MigrationId, body["checks"]!["database"]!.GetValue<string>());
            Assert.Equal(("Healthy", HttpStatusCode.OK), await ProbeAsync(http, "/health/live"));
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(last));
        }
        Assert.Equal(("Healthy", HttpStatusCode.OK), await ProbeAsync(app.Browser(), "/health/ready"));
    }

    [Fact]
    public async Task From_the_stop_signal_ready_answers_503_while_the_instance_still_serves_its_drain_period()
    {
        await using var host = app.AnotherInstance(web =>
        {
            web.UseSetting("Crm:Shutdown:DrainSeconds", "5");
            web.UseSetting("Crm:Shutdown:TimeoutSeconds", "20");
        });
        var http = host.CreateClient();
        Assert.Equal(("Healthy", HttpStatusCode.OK), await ProbeAsync(http, "/health/ready"));
        Assert.Equal(TimeSpan.FromSeconds(20), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication(); // as on SIGTERM
        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("The instance is stopping.", body["checks"]!["lifecycle"]!.GetValue<string>());
        Assert.Equal(("Healthy", HttpStatusCode.OK), await ProbeAsync(http, "/health/live"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode); // requests are still served
    }

    private static async Task<(string Status, HttpStatusCode Code)> ProbeAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (body["status"]!.GetValue<string>(), response.StatusCode);
    }
}

public sealed class PostgresHealthTests(PostgresGraphApp app) : HealthTests<PostgresGraphApp>(app);
public sealed class SqliteHealthTests(SqliteGraphApp app) : HealthTests<SqliteGraphApp>(app);

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using JlnbCrm.FunctionalTests.Graph;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JlnbCrm.FunctionalTests.Hosting;

/// <summary>What a Prometheus server scraping an instance sees after a GraphQL call, and that it must show its token.</summary>
public abstract class TelemetryTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string ScrapeToken = "scrape-token-for-tests";
    private const string MetricsPath = "/internal/metrics";

    private WebApplicationFactory<Program> Instance() => app.AnotherInstance(web =>
    {
        web.UseSetting("Crm:Telemetry:Prometheus:Enabled", "true");
        web.UseSetting("Crm:Telemetry:Prometheus:Path", MetricsPath);
        web.UseSetting("Crm:Telemetry:Prometheus:ScrapeToken", ScrapeToken);
    });

    [Fact]
    public async Task The_scrape_endpoint_shows_each_graphql_operations_duration_and_errors_by_code()
    {
        await using var host = Instance();
        var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync("admin@jlnb.in"));
        var probe = "TelemetryProbe" + Guid.NewGuid().ToString("N")[..8];
        var ok = await http.PostAsJsonAsync("/graphql", new { query = $"query {probe} {{ me {{ email }} }}", operationName = probe });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var broken = "Broken" + probe;
        await http.PostAsJsonAsync("/graphql", new { query = $"query {broken} {{ me {{ noSuchField }} }}", operationName = broken });

        var scrape = await ScrapeAsync(host, ScrapeToken);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var lines = (await scrape.Content.ReadAsStringAsync()).Split('\n');
        var count = Assert.Single(lines, l => l.StartsWith("crm_graphql_operation_duration_seconds_count{")
            && l.Contains($"graphql_operation_name=\"{probe}\"") && l.Contains("graphql_operation_type=\"query\""));
        Assert.Equal("1", count[(count.LastIndexOf('}') + 1)..].Trim().Split(' ')[0]); // one call so far
        Assert.DoesNotContain(lines, l => l.StartsWith("crm_graphql_operation_errors_total{") && l.Contains($"\"{probe}\""));
        Assert.Contains(lines, l => l.StartsWith("crm_graphql_operation_errors_total{")
            && l.Contains($"graphql_operation_name=\"{broken}\"") && l.Contains("error_code=\""));
    }

    [Fact]
    public async Task The_scrape_endpoint_refuses_a_caller_without_the_token()
    {
        await using var host = Instance();
        Assert.Equal(HttpStatusCode.Unauthorized, (await ScrapeAsync(host, token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ScrapeAsync(host, "not-the-token")).StatusCode);
        // Without the setting there is no metrics endpoint at all.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(MetricsPath)).StatusCode);
    }

    private static Task<HttpResponseMessage> ScrapeAsync(WebApplicationFactory<Program> host, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, MetricsPath);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host.CreateClient().SendAsync(request);
    }
}

public sealed class PostgresTelemetryTests(PostgresGraphApp app) : TelemetryTests<PostgresGraphApp>(app);
public sealed class SqliteTelemetryTests(SqliteGraphApp app) : TelemetryTests<SqliteGraphApp>(app);

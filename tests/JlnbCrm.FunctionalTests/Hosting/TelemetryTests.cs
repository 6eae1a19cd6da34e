using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Graph;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

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
    public async Task The_scrape_endpoint_shows_each_graphql_operations_duration_cost_and_errors_by_code()
    {
        await using var host = Instance();
        var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync("admin@jlnb.in"));
        var probe = "TelemetryProbe" + Guid.NewGuid().ToString("N")[..8];
        var ok = await http.PostAsJsonAsync("/graphql", new
            { query = $"query {probe} {{ me {{ email }} clients(first: 7) {{ items {{ name }} }} }}", operationName = probe });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var cost = JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["extensions"]!["cost"]!["requestedCost"]!.GetValue<int>();
        Assert.Equal(9, cost); // me 1, clients 1 + 7 rows
        var broken = "Broken" + probe;
        await http.PostAsJsonAsync("/graphql", new { query = $"query {broken} {{ me {{ noSuchField }} }}", operationName = broken });

        var scrape = await ScrapeAsync(host, ScrapeToken);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var lines = (await scrape.Content.ReadAsStringAsync()).Split('\n');
        var count = Assert.Single(lines, l => l.StartsWith("crm_graphql_operation_duration_seconds_count{")
            && l.Contains($"graphql_operation_name=\"{probe}\"") && l.Contains("graphql_operation_type=\"query\""));
        Assert.Equal("1", count[(count.LastIndexOf('}') + 1)..].Trim().Split(' ')[0]); // one call so far
        var spent = Assert.Single(lines, l => l.StartsWith("crm_graphql_operation_cost_sum{")
            && l.Contains($"graphql_operation_name=\"{probe}\""));
        Assert.Equal("9", spent[(spent.LastIndexOf('}') + 1)..].Trim().Split(' ')[0]); // the cost the response reported
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

    [Fact]
    public async Task A_log_entry_written_for_a_request_carries_its_trace_and_span_ids()
    {
        var entries = new ScopeCollector();
        await using var host = app.AnotherInstance(web =>
        {
            // A refusal logs a warning inside the request: the entry to look at.
            web.UseSetting("Crm:RateLimits:Enabled", "true");
            web.UseSetting("Crm:RateLimits:PagesPerUser:PermitLimit", "1");
            web.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(entries)));
        });
        var http = host.CreateClient();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01"); // from the load balancer
        await http.GetAsync("/account/signin");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync("/account/signin")).StatusCode);

        var refusal = Assert.Single(entries.Entries, e => e.Message.StartsWith("Rate limit reached", StringComparison.Ordinal));
        Assert.Equal(traceId, refusal.Scope["TraceId"]);
        Assert.Matches("^[0-9a-f]{16}$", refusal.Scope["SpanId"]);

        // The same entry through the host's JSON console formatter (Logging:Console:FormatterName=json) keeps the ids.
        var json = host.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        var scopes = new LoggerExternalScopeProvider();
        var pushed = refusal.Scopes.Select(scopes.Push).ToList();
        using var written = new StringWriter();
        json.Write(new LogEntry<string>(LogLevel.Warning, "RateLimit", default, refusal.Message, null, (m, _) => m), scopes, written);
        pushed.ForEach(p => p.Dispose());
        var line = JsonNode.Parse(written.ToString())!;
        Assert.Contains(line["Scopes"]!.AsArray(), scope => scope?["TraceId"]?.GetValue<string>() == traceId);
    }

    private static Task<HttpResponseMessage> ScrapeAsync(WebApplicationFactory<Program> host, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, MetricsPath);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host.CreateClient().SendAsync(request);
    }
}

/// <summary>Every entry with the key-value pairs of its scopes (where ActivityTrackingOptions puts the ids).</summary>
internal sealed class ScopeCollector : ILoggerProvider, ISupportExternalScope
{
    public sealed record Entry(string Message, Dictionary<string, string?> Scope, List<object> Scopes);

    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new Collecting(this);

    public void Dispose() { }

    private sealed class Collecting(ScopeCollector owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string?>();
            var scopes = new List<object>();
            owner._scopes.ForEachScope((item, into) =>
            {
                if (item is not null) scopes.Add(item);
                if (item is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, value) in pairs) into[key] = value?.ToString();
            }, scope);
            owner.Entries.Enqueue(new Entry(formatter(state, exception), scope, scopes));
        }
    }
}

public sealed class PostgresTelemetryTests(PostgresGraphApp app) : TelemetryTests<PostgresGraphApp>(app);
public sealed class SqliteTelemetryTests(SqliteGraphApp app) : TelemetryTests<SqliteGraphApp>(app);

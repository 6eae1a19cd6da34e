using System.Collections.Concurrent;
using System.Net;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Graph.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JlnbCrm.FunctionalTests.Hardening;

/// <summary>
/// The host started in-process as a real deployment would start it (the Production environment) over a database that
/// holds the demo firm: published credentials stop it, and an integration without a secret is left out.
/// </summary>
public abstract class ProductionStartTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private readonly ConcurrentQueue<string> _log = new();

    private WebApplicationFactory<Program> Production(bool demoData, string reportingSecret) => app.AnotherInstance(web =>
    {
        web.UseEnvironment("Production");
        web.UseSetting("Crm:DemoData", demoData ? "true" : "false");
        web.UseSetting("Crm:Oidc:Integrations:jlnb-reporting:Secret", reportingSecret);
        web.UseSetting("Crm:Oidc:AllowHttp", "true"); // TestServer speaks plain HTTP
        web.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(new Collecting(_log))));
    });

    [Fact]
    public async Task Production_refuses_to_start_while_demo_accounts_keep_the_published_password()
    {
        await using var host = Production(demoData: false, reportingSecret: "a-secret-of-our-own-" + Guid.NewGuid());
        var refusal = Assert.Throws<UnsafeDeploymentException>(() => host.CreateClient());
        Assert.Contains("Refusing to start in the Production environment", refusal.Message);
        Assert.Contains("admin@jlnb.in", refusal.Message);
        Assert.Contains("Crm:DemoData=true", refusal.Message);
        Assert.Contains(_log, line => line.StartsWith("Critical:") && line.Contains("published demo password"));
    }

    [Fact]
    public async Task Production_refuses_to_start_with_the_integration_secret_published_in_the_source()
    {
        await using var host = Production(demoData: true, reportingSecret: JlnbCrm.Graph.Identity.OidcClients.DevelopmentReportingSecret);
        var refusal = Assert.Throws<UnsafeDeploymentException>(() => host.CreateClient());
        Assert.Contains("jlnb-reporting", refusal.Message);
        Assert.Contains("Crm:Oidc:Integrations:jlnb-reporting:Secret", refusal.Message);
    }

    [Fact]
    public async Task Without_a_configured_secret_the_integration_is_not_registered_and_the_log_says_so()
    {
        // The Testing host of this fixture registers it (with the tests' secret); a Production start without one removes it.
        var (before, _) = await OidcFlow.RequestTokenAsync(app.Browser(), new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "jlnb-reporting", ["client_secret"] = OidcFlow.ReportingSecret, ["scope"] = "crm_api",
        });
        Assert.Equal(HttpStatusCode.OK, before);
        await using var host = Production(demoData: true, reportingSecret: "");
        var http = host.CreateClient();
        foreach (var secret in new[] { JlnbCrm.Graph.Identity.OidcClients.DevelopmentReportingSecret, OidcFlow.ReportingSecret })
        {
            var (status, body) = await OidcFlow.RequestTokenAsync(http, new()
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "jlnb-reporting", ["client_secret"] = secret, ["scope"] = "crm_api",
            });
            Assert.NotEqual(HttpStatusCode.OK, status);
            Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        }
        Assert.Contains(_log, line => line.StartsWith("Warning:") && line.Contains("jlnb-reporting is not registered"));
    }

    /// <summary>Keeps every log line as "Level: message".</summary>
    private sealed class Collecting(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}

public sealed class PostgresProductionStartTests(PostgresGraphApp app) : ProductionStartTests<PostgresGraphApp>(app);
public sealed class SqliteProductionStartTests(SqliteGraphApp app) : ProductionStartTests<SqliteGraphApp>(app);

using System.Diagnostics;
using JlnbCrm.FunctionalTests.Browser;
using JlnbCrm.Graph.Hosting;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// The graphql-http package's server audit (the GraphQL over HTTP specification's MUST and SHOULD checks), run by
/// node against the real endpoint on a socket, signed in: every check passes, with no warning.
/// (scripts/prerequisites.sh installs the audit from tests/graphql-http-audit/package-lock.json.)
/// </summary>
public abstract class GraphQLHttpAuditTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    [Fact]
    public async Task The_endpoint_passes_the_graphql_http_audit_without_warnings()
    {
        var folder = Path.Combine(SchemaFile.RepositoryRoot()!, "tests", "graphql-http-audit");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "graphql-http")),
            "Install the audit first: npm ci --prefix tests/graphql-http-audit (scripts/prerequisites.sh does).");
        await using var instance = app.AnotherInstance(KestrelHost.OnAFreePort);
        var root = KestrelHost.Start(instance);
        var url = new Uri(root, "/graphql");
        // Signed in on this host: a token names its issuer, and this host's address is not the test server's.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = root };
        var token = (await Identity.OidcFlow.SignInAsync(browser, "admin@jlnb.in", Seeding.DemoDirectory.Password)).AccessToken;

        var node = new ProcessStartInfo("node", ["audit.mjs"])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["GRAPHQL_URL"] = url.ToString(), ["GRAPHQL_TOKEN"] = token },
        };
        using var audit = Process.Start(node)!;
        var output = audit.StandardOutput.ReadToEndAsync();
        var errors = audit.StandardError.ReadToEndAsync();
        await audit.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(audit.ExitCode == 0, $"{await output}\n{await errors}");
        Assert.Contains(" 0 warn, 0 error", await output);
    }
}

public sealed class PostgresGraphQLHttpAuditTests(PostgresGraphApp app) : GraphQLHttpAuditTests<PostgresGraphApp>(app);
public sealed class SqliteGraphQLHttpAuditTests(SqliteGraphApp app) : GraphQLHttpAuditTests<SqliteGraphApp>(app);

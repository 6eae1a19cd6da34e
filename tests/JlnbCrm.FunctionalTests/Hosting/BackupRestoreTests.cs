using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Hardening;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Graph.Hosting;
using JlnbCrm.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JlnbCrm.FunctionalTests.Hosting;

/// <summary>
/// The backup and restore commands of docs/deploy.md §10, read from the file and run as written (only the
/// placeholders filled in) with PostgreSQL 15's pg_dump, psql and pg_restore, from a seeded database into a new
/// empty one; then the app runs on the copy as it ran on the original. PostgreSQL only (the commands are its).
/// </summary>
public sealed partial class BackupRestoreTests(PostgresGraphApp app) : IClassFixture<PostgresGraphApp>
{
    /// <summary>Where Debian keeps PostgreSQL 15's client programs (searched before the PATH's wrappers).</summary>
    private const string PostgresBin = "/usr/lib/postgresql/15/bin";

    private const string CountQuery =
        "{ clients { totalCount } leads { totalCount } interactions { totalCount } clientQueries { totalCount } "
        + "serviceRequests { totalCount } }";

    /// <summary>The administrator, an RM head, a junior RM and an operations executive.</summary>
    private static readonly string[] Personas =
        ["admin@jlnb.in", "rohan.mehta@jlnb.in", "priya.nair@jlnb.in", "farhan.qureshi@jlnb.in"];

    [GeneratedRegex("<!-- Hosting/BackupRestoreTests runs this block[^>]*-->\\n```bash\\n(.*?)```",
        RegexOptions.Singleline)]
    private static partial Regex TestedBlock();

    [GeneratedRegex("<[^<>\\n]+>")]
    private static partial Regex Placeholder();

    [Fact]
    public async Task The_documented_dump_and_restore_give_a_database_the_app_runs_on_with_its_rows_rules_and_keys()
    {
        // Before the dump: a signed-in browser, and what each persona sees, through the API and through row security.
        var cookies = new CookieContainer();
        await using var source = app.AnotherInstance();
        await OidcFlow.SubmitSignInAsync(Browser(source, cookies), "/account/signin", "rohan.mehta@jlnb.in",
            DemoDirectory.Password, expectSuccess: true);
        var sourceApi = await CountsAsync(source);
        var sourceRows = await RowSecurityCountsAsync(app.Db.Store);
        var sourceForced = await ForcedTablesAsync(app.Db.Store);

        var target = new EmptyPostgresDatabase();
        await target.InitializeAsync();
        var folder = Directory.CreateTempSubdirectory("jlnb-backup-").FullName;
        try
        {
            await RunDocumentedBlockAsync(folder, new()
            {
                ["<source database URI>"] = Uri(app.Db.Store.ConnectionString),
                ["<empty target database URI>"] = Uri(target.Store.ConnectionString),
                ["<migrating login>"] = new NpgsqlConnectionStringBuilder(target.Store.ConnectionString).Username!,
            });

            await using var restored = app.AnotherInstance(web =>
            {
                web.UseSetting("ConnectionStrings:Crm", target.Store.ConnectionString);
                web.UseSetting("Crm:MigrateOnStart", "false"); // nothing may be left for start-up to fix
                web.UseSetting("Crm:DataFolder", Path.Combine(folder, "data")); // nothing carried over on disk
            });

            // Migrations current: the readiness probe says so, and EF Core finds nothing pending.
            var ready = await restored.CreateClient().GetAsync("/health/ready");
            Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
            await using (var db = CrmDatabase.Open(target.Store))
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());

            // The cookie issued before the dump signs its user in (the key ring and the session came along).
            var stranger = Browser(restored, new CookieContainer());
            Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Browser(restored, cookies).GetAsync("/")).StatusCode);

            // Row security still forced on the same tables, and every persona sees what they saw before.
            Assert.Equal(sourceForced, await ForcedTablesAsync(target.Store));
            Assert.Equal(sourceRows, await RowSecurityCountsAsync(target.Store));
            Assert.Equal(sourceApi, await CountsAsync(restored));
            var (admin, junior) = (sourceRows["admin@jlnb.in"], sourceRows["priya.nair@jlnb.in"]);
            Assert.True(junior.Clients > 0 && junior.Clients < admin.Clients,
                $"the junior sees some clients, fewer than the administrator: {junior} vs {admin}");
        }
        finally
        {
            await target.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Fills the placeholders (all of them, or the test fails) and runs the block with bash.</summary>
    private static async Task RunDocumentedBlockAsync(string folder, Dictionary<string, string> values)
    {
        var path = Path.Combine(SchemaFile.RepositoryRoot()!, "docs", "deploy.md");
        var doc = File.ReadAllText(path).ReplaceLineEndings("\n");
        var blocks = TestedBlock().Matches(doc);
        Assert.True(blocks.Count == 1, $"docs/deploy.md should mark exactly one tested block; found {blocks.Count}.");
        var script = values.Aggregate(blocks[0].Groups[1].Value, (text, value) => text.Replace(value.Key, value.Value));
        Assert.DoesNotMatch(Placeholder(), script);

        var bash = new ProcessStartInfo("bash", ["-e", "-o", "pipefail", "-c", script])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        bash.Environment["PATH"] = $"{PostgresBin}:{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Process.Start(bash)!;
        var (output, errors) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(patience.Token);
        Assert.True(process.ExitCode == 0,
            $"The documented commands failed ({process.ExitCode}):\n{await errors}\n{await output}");
        Assert.True(new FileInfo(Path.Combine(folder, "crm.dump")).Length > 0, "pg_dump wrote no crm.dump");
    }

    /// <summary>A libpq URI for a test connection string (what the placeholders ask for).</summary>
    private static string Uri(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{System.Uri.EscapeDataString(c.Username!)}:{System.Uri.EscapeDataString(c.Password!)}"
            + $"@{c.Host}:{c.Port}/{c.Database}";
    }

    private static HttpClient Browser(WebApplicationFactory<Program> host, CookieContainer cookies) =>
        host.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    /// <summary>Each persona's totals through GraphQL, signed in (code + PKCE) on that host.</summary>
    private static async Task<Dictionary<string, string>> CountsAsync(WebApplicationFactory<Program> host)
    {
        var counts = new Dictionary<string, string>();
        foreach (var email in Personas)
        {
            var browser = Browser(host, new CookieContainer());
            var tokens = await OidcFlow.SignInAsync(browser, email, DemoDirectory.Password);
            var http = host.CreateClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
            counts[email] = (await new GraphClient(http).DataAsync(CountQuery)).ToJsonString();
        }
        return counts;
    }

    private sealed record Visible(int Clients, int Leads, int Interactions, int Queries, int ServiceRequests);

    /// <summary>What row-level security alone lets each persona see (the context's own filters set aside).</summary>
    private static async Task<Dictionary<string, Visible>> RowSecurityCountsAsync(CrmStore store)
    {
        var counts = new Dictionary<string, Visible>();
        foreach (var email in Personas)
        {
            Actor actor;
            await using (var owner = CrmDatabase.Open(store))
                actor = Actor.For(await owner.Users.AsNoTracking().SingleAsync(u => u.Email == email));
            await using var db = CrmDatabase.Open(store, actor);
            counts[email] = new(await db.Clients.IgnoreQueryFilters().CountAsync(),
                await db.Leads.IgnoreQueryFilters().CountAsync(),
                await db.Interactions.IgnoreQueryFilters().CountAsync(),
                await db.ClientQueries.IgnoreQueryFilters().CountAsync(),
                await db.ServiceRequests.IgnoreQueryFilters().CountAsync());
        }
        return counts;
    }

    /// <summary>The tables with row-level security enabled and forced, by name.</summary>
    private static async Task<string> ForcedTablesAsync(CrmStore store)
    {
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class
            WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relrowsecurity AND relforcerowsecurity
            """, connection);
        var tables = (string)(await command.ExecuteScalarAsync())!;
        Assert.Contains("data_protection_keys", tables);
        return tables;
    }
}

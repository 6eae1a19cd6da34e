using System.Diagnostics;
using System.Net;
using JlnbCrm.Auditing;
using JlnbCrm.Database;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Graph.Hosting;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Hardening;

/// <summary>
/// <c>--create-admin</c> run as an operator runs it, through the host's entry point in its own process, on a
/// database as a new production deployment has it (created, not migrated, no demo data); then the host, started in
/// Production over that database, lets the new administrator sign in and open an admin screen.
/// </summary>
public abstract class CreateAdminCommandTests<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string Email = "meera.iyer@example.com";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Creates_the_first_administrator_who_then_signs_in_in_production(bool passwordFromEnvironment)
    {
        await using var database = await FreshAsync();
        var password = "First@" + Guid.NewGuid().ToString("N")[..10];
        var run = await RunHostAsync(database.Store, [CreateAdminCommand.Switch, Email, "--name", "Meera Iyer"],
            passwordFromEnvironment ? password : null, passwordFromEnvironment ? null : password + "\n");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"Created the administrator Meera Iyer <{Email}>", run.Output);
        Assert.DoesNotContain(password, run.Output);
        await using (var db = database.Open())
        {
            var admin = await db.Users.IgnoreQueryFilters().SingleAsync();
            Assert.Equal((Email, RoleLevel.Admin, (long?)null), (admin.Email, admin.RoleId, admin.TeamId));
            var audit = await db.AuditLog.SingleAsync(a => a.Entity == "users" && a.EntityId == admin.Id);
            Assert.Equal((AuditAction.Insert, (long?)null), (audit.Action, audit.UserId)); // by the system
            Assert.DoesNotContain(password, audit.Changes);
        }

        await using var host = Production(database.Store);
        var http = host.CreateClient(new()
            { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new("https://localhost") });
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", Email, password, expectSuccess: true);
        var users = await http.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains(Email, await users.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refuses_a_weak_password_a_missing_one_and_a_taken_email_and_prints_no_password()
    {
        await using var database = await FreshAsync();
        string[] args = [CreateAdminCommand.Switch, Email, "--name", "Meera Iyer"];

        var weak = await RunHostAsync(database.Store, args, "lettersonly", null);
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("No administrator created: A password needs at least", weak.Output);
        Assert.DoesNotContain("lettersonly", weak.Output);

        var missing = await RunHostAsync(database.Store, args, null, "");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains(CreateAdminCommand.PasswordVariable, missing.Output);

        var first = await RunHostAsync(database.Store, args, "First@2026-one", null);
        Assert.True(first.ExitCode == 0, first.Output);
        string[] someoneElse = [CreateAdminCommand.Switch, Email, "--name", "Someone Else"];
        var again = await RunHostAsync(database.Store, someoneElse, "Other@2026-two", null);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"Another user already signs in as {Email}", again.Output);
        Assert.DoesNotContain("Other@2026-two", again.Output);

        await using var db = database.Open();
        Assert.Equal("Meera Iyer", (await db.Users.IgnoreQueryFilters().SingleAsync()).Name);
    }

    private static async Task<Fresh> FreshAsync()
    {
        var database = new TDatabase();
        await database.InitializeAsync();
        return new Fresh(database);
    }

    /// <summary>A database the test drops when done.</summary>
    private sealed class Fresh(TestDatabase database) : IAsyncDisposable
    {
        public CrmStore Store => database.Store;
        public CrmDbContext Open() => database.Open();
        public async ValueTask DisposeAsync() => await database.DisposeAsync();
    }

    private sealed record Run(int ExitCode, string Output);

    /// <summary>
    /// The host's own program (the test output holds it) in the Production environment, as
    /// <c>dotnet run --project src/Graph -- …</c> runs it; output is standard output and error together.
    /// </summary>
    private static async Task<Run> RunHostAsync(CrmStore store, string[] args, string? passwordVariable, string? input)
    {
        var folder = Directory.CreateTempSubdirectory("jlnb-create-admin-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JlnbCrm.Graph.dll"));
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            var postgres = store.Provider == CrmProvider.Postgres;
            start.Environment["ConnectionStrings__Crm"] = postgres ? store.ConnectionString : "";
            start.Environment["Crm__DataFolder"] = postgres ? "App_Data" : DataFolder(store);
            start.Environment["Crm__Oidc__KeysPath"] = Path.Combine(folder, "keys");
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment.Remove(CreateAdminCommand.PasswordVariable);
            if (passwordVariable is not null) start.Environment[CreateAdminCommand.PasswordVariable] = passwordVariable;

            using var process = Process.Start(start)!;
            if (input is not null) await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return new Run(process.ExitCode, await output + await errors);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <summary>The host as a production deployment starts it: no demo data, its own integration secret.</summary>
    private static WebApplicationFactory<Program> Production(CrmStore store) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseEnvironment("Production");
        web.UseSetting("ConnectionStrings:Crm", store.Provider == CrmProvider.Postgres ? store.ConnectionString : "");
        web.UseSetting("Crm:DataFolder", store.Provider == CrmProvider.Sqlite ? DataFolder(store) : "App_Data");
        web.UseSetting("Crm:DemoData", "false");
        web.UseSetting("Crm:Oidc:Integrations:jlnb-reporting:Secret", "a-secret-of-our-own-" + Guid.NewGuid());
        web.UseSetting("Crm:Oidc:KeysPath", Path.Combine(Path.GetTempPath(), "jlnb-create-admin-keys"));
        web.UseSetting("Crm:Oidc:AllowHttp", "true"); // TestServer speaks plain HTTP
    });

    private static string DataFolder(CrmStore store) =>
        Path.GetDirectoryName(store.ConnectionString["Data Source=".Length..])!;
}

public sealed class EmptyPostgresDatabase : PostgresDatabase
{
    protected override bool Prepared => false;
}

public sealed class EmptySqliteDatabase : SqliteDatabase
{
    protected override bool Prepared => false;
}

public sealed class PostgresCreateAdminCommandTests : CreateAdminCommandTests<EmptyPostgresDatabase>;
public sealed class SqliteCreateAdminCommandTests : CreateAdminCommandTests<EmptySqliteDatabase>;

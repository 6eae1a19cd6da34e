using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Identity;
using JlnbCrm.Seeding;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Hosting;

/// <summary>Store selection, start-up migration and demo seeding, and the one-shot --migrate / --seed commands.</summary>
public static class PersistenceExtensions
{
    public static void AddCrmPersistence(this IHostApplicationBuilder builder)
    {
        var dataFolder = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Crm:DataFolder"] ?? "App_Data");
        var store = CrmDatabase.Resolve(builder.Configuration.GetConnectionString("Crm"), dataFolder);
        builder.Services.AddCrmDbContext(store);
        builder.Services.AddSingleton<SlaBreachScanner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SlaBreachScanner>());
    }

    /// <summary>
    /// Handles <c>--write-schema [file]</c> (print the GraphQL schema, exit), <c>--migrate</c> (apply migrations, exit),
    /// <c>--seed [--clients N]</c> (migrate, seed an empty database, exit) and <c>--create-admin</c> (migrate, create
    /// the first administrator, exit: <see cref="CreateAdminCommand"/>). Returns false when the server should start.
    /// </summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Contains("--write-schema"))
        {
            await SchemaFile.WriteAsync(app.Services, args);
            return true;
        }
        if (!new[] { "--migrate", "--seed", CreateAdminCommand.Switch }.Any(args.Contains)) return false;
        await using var scope = app.Services.CreateAsyncScope();
        var db = SystemContext(scope);
        await db.MigrateAsync();
        Console.WriteLine($"Migrated the {db.Database.ProviderName} database.");
        if (args.Contains("--seed"))
        {
            var at = Array.IndexOf(args, "--clients");
            var clients = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : DemoScale.Default.Clients;
            var seeded = await Seed(db, new DemoScale(clients));
            Console.WriteLine(seeded ? $"Seeded {clients:N0} demo clients." : "The database already has data; nothing seeded.");
        }
        if (args.Contains(CreateAdminCommand.Switch))
            await CreateAdminCommand.RunAsync(scope.ServiceProvider.GetRequiredService<Users.StaffAdmin>(), args);
        return true;
    }

    /// <summary>
    /// Migrates at start-up; on the embedded store, also fills an empty database with demo data where demo data is
    /// allowed (<see cref="DeploymentSafety.DemoDataAllowed"/>). Refuses to go on with published credentials outside Development.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = SystemContext(scope);
        if (MigrateOnStart(app, db)) await db.MigrateAsync();
        else await RequireCurrentSchemaAsync(app, db);
        await DeploymentSafety.EnsureNoPublishedCredentialsAsync(db, app.Configuration, app.Environment, app.Logger);
        await scope.ServiceProvider.RegisterOidcClientsAsync(app.Configuration, app.Environment, app.Logger);
        var seedByDefault = db.Database.IsSqlite() && DeploymentSafety.DemoDataAllowed(app.Configuration, app.Environment);
        if (seedByDefault && await Seed(db, new DemoScale(app.Configuration.GetValue("Crm:DemoClients", DemoScale.Default.Clients))))
            app.Logger.LogInformation("Seeded the embedded database with demo data (sign in with the README's demo accounts).");
    }

    /// <summary>
    /// <c>Crm:MigrateOnStart</c>: true unless set, so a single instance keeps itself current (concurrent starts are
    /// safe: <see cref="PersistenceServices.MigrateAsync"/> takes an advisory lock). Deployments that migrate as a
    /// deploy step (<c>--migrate</c>) set it to false everywhere but the embedded store, which is always migrated.
    /// </summary>
    private static bool MigrateOnStart(WebApplication app, CrmDbContext db) =>
        db.Database.IsSqlite() || app.Configuration.GetValue("Crm:MigrateOnStart", true);

    /// <summary>
    /// Without start-up migration, a schema behind this build is waited for up to <c>Crm:SchemaWaitSeconds</c>
    /// (default 0: none; a deploy step may still be migrating), then the start is refused with the reason.
    /// </summary>
    private static async Task RequireCurrentSchemaAsync(WebApplication app, CrmDbContext db)
    {
        var deadline = DateTime.UtcNow.AddSeconds(app.Configuration.GetValue("Crm:SchemaWaitSeconds", 0));
        while (true)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count == 0) return;
            var line = $"The database schema is behind this build: {pending.Count} migration(s) pending, first {pending[0]}. " +
                "Crm:MigrateOnStart is false: run the deploy step `--migrate` (or set Crm:MigrateOnStart=true).";
            if (DateTime.UtcNow >= deadline)
            {
                app.Logger.LogCritical("{Refusal} Refusing to start.", line);
                throw new InvalidOperationException(line);
            }
            app.Logger.LogWarning("{Waiting} Waiting for it.", line);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Start-up work acts as the system: it owns the tables and sees every row.</summary>
    private static CrmDbContext SystemContext(AsyncServiceScope scope)
    {
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Become(Actor.System);
        return scope.ServiceProvider.GetRequiredService<CrmDbContext>();
    }

    private static Task<bool> Seed(CrmDbContext db, DemoScale scale) =>
        new DemoSeeder(db, DateTime.UtcNow.Date).SeedAsync(scale);
}

using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace JlnbCrm.Database;

public static class PersistenceServices
{
    /// <summary>Registers <see cref="CrmDbContext"/> for the chosen store, resolving to its provider's context.</summary>
    public static IServiceCollection AddCrmDbContext(this IServiceCollection services, CrmStore store)
    {
        services.AddSingleton(store);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CurrentActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddScoped<Users.CredentialCheck>();
        services.AddSingleton<Changes.ChangeFeed>();
        services.AddScoped<Changes.ChangeNotifier>();
        // Interceptors registered in DI (command counting in tests; later the row-security session) join every context.
        void Options(IServiceProvider sp, DbContextOptionsBuilder o)
        {
            o.Configure(store);
            o.AddInterceptors(sp.GetServices<IInterceptor>());
            var check = sp.GetRequiredService<Users.CredentialCheck>();
            if (store.Provider == CrmProvider.Postgres)
                o.AddInterceptors(new Access.RowSecuritySession(sp.GetRequiredService<ICurrentActor>(), check: check));
            else
                o.AddInterceptors(new Users.SqliteCredentialGate(check));
            o.AddInterceptors(sp.GetRequiredService<Changes.ChangeNotifier>());
        }
        if (store.Provider == CrmProvider.Postgres)
            services.AddDbContext<CrmDbContext, PostgresCrmDbContext>(Options);
        else
            services.AddDbContext<CrmDbContext, SqliteCrmDbContext>(Options);
        services.AddScoped<Clients.ClientService>();
        services.AddScoped<Households.HouseholdBook>();
        services.AddScoped<Households.HouseholdRollUp>();
        services.AddScoped<Leads.LeadWorkflow>();
        services.AddScoped<Leads.LeadDuplicates>();
        services.AddScoped<Leads.ReferrerLedger>();
        services.AddScoped<Interactions.InteractionLog>();
        services.AddScoped<ClientQueries.ClientQueryDesk>();
        services.AddScoped<ServiceRequests.ServiceDesk>();
        services.AddScoped<Deleting.RecordDeletion>();
        services.AddScoped<Auditing.RecordHistory>();
        services.AddScoped<Desks.DeskRouting>();
        services.AddScoped<Consents.ConsentBook>();
        services.AddScoped<Consents.ClientDataExport>();
        services.AddScoped<Kyc.KycRegister>();
        services.AddScoped<Users.StaffAdmin>();
        services.AddScoped<Users.SignIn>();
        services.AddScoped<Products.Catalogue>();
        services.AddScoped<Dashboard.DashboardReport>();
        services.AddScoped<Dashboard.SlaReport>();
        services.AddScoped<Reminders.MyDayReport>();
        services.AddScoped<Clients.ClientImport>();
        services.AddScoped<Leads.LeadImport>();
        services.AddScoped<ServiceLevels.ServiceLevelBook>();
        services.AddScoped<ServiceLevels.SlaBreachRecorder>();
        return services;
    }

    /// <summary>
    /// The PostgreSQL advisory lock every migrating instance takes first ("JLNBCRM1"). Advisory locks are keyed per
    /// database, so deployments sharing a server do not wait for each other.
    /// </summary>
    public const long MigrationLockKey = 0x4A4C4E4243524D31;

    /// <summary>
    /// Applies the provider's pending migrations (creating the SQLite file and its folder if needed). On PostgreSQL
    /// under <see cref="MigrationLockKey"/>, held for the whole run: instances starting at once (or a deploy step beside
    /// them) take turns, and the ones after the first find nothing pending. The lock is the session's, so migrate over
    /// a direct connection, never through a transaction-mode pooler.
    /// </summary>
    public static async Task MigrateAsync(this CrmDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } file)
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        if (!db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(ct);
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", ct);
            try
            {
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

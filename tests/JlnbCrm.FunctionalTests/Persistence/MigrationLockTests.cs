using JlnbCrm.Database;
using JlnbCrm.FunctionalTests.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JlnbCrm.FunctionalTests.Persistence;

/// <summary>
/// Migrating as a deploy step beside instances that start at once: on PostgreSQL every migration run holds one
/// advisory lock in the target database, so runs take turns and nothing is applied twice; an instance told not to
/// migrate refuses a schema behind its build. PostgreSQL only (SQLite is one process's file, always migrated).
/// </summary>
public sealed class MigrationLockTests : IAsyncLifetime
{
    private readonly string _name = $"jlnbcrm_lock_{Guid.NewGuid():N}"[..30];

    private CrmStore Store => new(CrmProvider.Postgres,
        new NpgsqlConnectionStringBuilder(PostgresDatabase.AdminConnectionString) { Database = _name }.ConnectionString);

    [Fact]
    public async Task Two_migrations_started_together_on_a_fresh_database_both_succeed_and_apply_each_migration_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var db = CrmDatabase.Open(Store);
            await db.MigrateAsync();
        })));

        await using var check = CrmDatabase.Open(Store);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        var applied = (await check.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(check.Database.GetMigrations().ToList(), applied);
        Assert.Equal(applied.Distinct().Count(), applied.Count);
    }

    [Fact]
    public async Task A_migration_waits_while_another_holds_the_migration_lock()
    {
        await using var holder = new NpgsqlConnection(Store.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PersistenceServices.MigrationLockKey})", holder))
            await take.ExecuteNonQueryAsync();

        var migration = Task.Run(async () =>
        {
            await using var db = CrmDatabase.Open(Store);
            await db.MigrateAsync();
        });
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(migration.IsCompleted, "the migration ran while another run held the lock");
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({PersistenceServices.MigrationLockKey})", holder))
            await release.ExecuteNonQueryAsync();
        await migration.WaitAsync(TimeSpan.FromMinutes(2));

        await using var check = CrmDatabase.Open(Store);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task An_instance_told_not_to_migrate_refuses_a_schema_behind_its_build()
    {
        var keys = Directory.CreateTempSubdirectory("jlnb-keys-").FullName;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:Crm", Store.ConnectionString);
            web.UseSetting("Crm:MigrateOnStart", "false");
            web.UseSetting("Crm:DemoData", "true");
            web.UseSetting("Crm:Oidc:KeysPath", keys);
        });
        var refusal = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("schema is behind this build", refusal.Message);
        Assert.Contains("--migrate", refusal.Message);

        await using var check = CrmDatabase.Open(Store);
        Assert.Empty(await check.Database.GetAppliedMigrationsAsync());
        Directory.Delete(keys, recursive: true);
    }

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

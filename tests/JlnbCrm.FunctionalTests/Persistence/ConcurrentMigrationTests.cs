using RowLevelSecurity = JlnbCrm.Access.RowLevelSecurity;
using JlnbCrm.Database;
using JlnbCrm.FunctionalTests.Databases;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JlnbCrm.FunctionalTests.Persistence;

/// <summary>
/// Several databases of one cluster migrating at once (parallel test classes, or several deployments sharing a
/// server) must not race on what is cluster-wide: the app role the first migration creates. PostgreSQL only:
/// each SQLite database is a file of its own.
/// </summary>
public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task Fresh_databases_on_a_cluster_without_the_app_role_migrate_at_the_same_time()
    {
        await using var cluster = await ThrowAwayCluster.StartAsync();
        var names = Enumerable.Range(1, 4).Select(i => $"crm_{i}").ToList();
        foreach (var name in names) await cluster.CreateDatabaseAsync(name);

        // The app's own migration path, all at once.
        await Task.WhenAll(names.Select(name => Task.Run(async () =>
        {
            await using var db = CrmDatabase.Open(new CrmStore(CrmProvider.Postgres, cluster.ConnectionString(name)));
            await db.MigrateAsync();
        })));

        foreach (var name in names)
        {
            await using var db = CrmDatabase.Open(new CrmStore(CrmProvider.Postgres, cluster.ConnectionString(name)));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var member = new NpgsqlCommand(
            $"SELECT pg_has_role(current_user, '{RowLevelSecurity.AppRole}', 'MEMBER')", connection);
        Assert.True((bool)(await member.ExecuteScalarAsync())!, "the migrating login may switch to the app role");
    }
}

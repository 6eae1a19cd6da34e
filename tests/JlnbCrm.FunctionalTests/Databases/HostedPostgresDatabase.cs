using JlnbCrm.Database;
using Npgsql;

namespace JlnbCrm.FunctionalTests.Databases;

/// <summary>
/// A throw-away database set up the way Supabase sets up its own before the CRM's migrations run: API roles
/// (<c>anon</c>, <c>authenticated</c>) with USAGE on <c>public</c> and default privileges giving them everything
/// the migrating login creates there later. Roles are cluster-wide and other test runs share the cluster, so
/// this run's roles carry a unique suffix and are dropped with the database.
/// </summary>
public sealed class HostedPostgresDatabase : PostgresDatabase
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];

    /// <summary>This run's stand-ins for Supabase's anon and authenticated roles.</summary>
    public IReadOnlyList<string> ApiRoles => [$"anon_{_suffix}", $"authenticated_{_suffix}"];

    protected override async Task<CrmStore> CreateAsync()
    {
        var store = await base.CreateAsync();
        var roles = string.Join(", ", ApiRoles);
        await using (var cluster = new NpgsqlConnection(AdminConnectionString))
        {
            await cluster.OpenAsync();
            foreach (var role in ApiRoles)
                await ExecuteAsync(cluster, $"CREATE ROLE {role} NOLOGIN");
            // Membership only so the tests can SET ROLE to them, as Supabase's API server does.
            await ExecuteAsync(cluster, $"GRANT {roles} TO CURRENT_USER");
        }
        await using var database = new NpgsqlConnection(store.ConnectionString);
        await database.OpenAsync();
        await ExecuteAsync(database, $"""
            GRANT USAGE ON SCHEMA public TO {roles};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO {roles};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO {roles};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO {roles};
            """);
        return store;
    }

    protected override async Task DropAsync()
    {
        await base.DropAsync();
        await using var cluster = new NpgsqlConnection(AdminConnectionString);
        await cluster.OpenAsync();
        foreach (var role in ApiRoles)
            await ExecuteAsync(cluster, $"DROP ROLE IF EXISTS {role}");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

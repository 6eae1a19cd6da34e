using JlnbCrm.Access;
using JlnbCrm.FunctionalTests.Databases;
using Npgsql;

namespace JlnbCrm.FunctionalTests.Persistence;

/// <summary>
/// Below the application and its row security: what other database roles can do with the CRM's objects on a
/// host that grants its API roles everything by default (Supabase). PostgreSQL only — SQLite has no roles.
/// Every object is enumerated from the catalog, so a table, view, sequence or function a future migration adds
/// is checked too.
/// </summary>
public sealed class DatabaseGrantsTests(HostedPostgresDatabase database) : IClassFixture<HostedPostgresDatabase>
{
    private const string InsufficientPrivilege = "42501";

    [Fact]
    public async Task A_hosts_api_roles_can_read_write_or_call_nothing_of_the_crm()
    {
        await using var connection = await ConnectAsync();
        var tables = await ListAsync(connection, "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'");
        var views = await ListAsync(connection, "SELECT quote_ident(viewname) FROM pg_views WHERE schemaname = 'public'");
        var sequences = await ListAsync(connection, "SELECT quote_ident(sequencename) FROM pg_sequences WHERE schemaname = 'public'");
        // Each SECURITY DEFINER helper, called with NULLs of its argument types.
        var functions = await ListAsync(connection, """
            SELECT format('%I(%s)', proname, (SELECT string_agg('NULL::' || format_type(t, NULL), ', ') FROM unnest(proargtypes) t))
            FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosecdef
            """);
        Assert.Contains("users", tables);
        Assert.Contains(ClientOwner.View, views);
        Assert.Contains("crm_actor_id()", functions);

        foreach (var role in database.ApiRoles)
        {
            await ExecuteAsync(connection, $"SET ROLE {role}");
            foreach (var table in tables)
            {
                var column = (await ListAsync(connection, $"""
                    SELECT quote_ident(attname) FROM pg_attribute
                    WHERE attrelid = 'public.{table}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum LIMIT 1
                    """))[0];
                await RefusedAsync(connection, role, $"SELECT * FROM {table} LIMIT 1");
                await RefusedAsync(connection, role, $"INSERT INTO {table} DEFAULT VALUES");
                await RefusedAsync(connection, role, $"UPDATE {table} SET {column} = {column}");
                await RefusedAsync(connection, role, $"DELETE FROM {table}");
                await RefusedAsync(connection, role, $"TRUNCATE {table}");
            }
            foreach (var view in views) await RefusedAsync(connection, role, $"SELECT * FROM {view} LIMIT 1");
            foreach (var sequence in sequences) await RefusedAsync(connection, role, $"SELECT nextval('public.{sequence}')");
            foreach (var function in functions) await RefusedAsync(connection, role, $"SELECT {function}");
            await ExecuteAsync(connection, "RESET ROLE");
        }
    }

    [Fact]
    public async Task Every_table_has_forced_row_level_security()
    {
        await using var connection = await ConnectAsync();
        var tables = await ListAsync(connection,
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')");
        var unforced = await ListAsync(connection, """
            SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
              AND NOT (relrowsecurity AND relforcerowsecurity)
            """);
        Assert.Contains("users", tables);
        Assert.True(unforced.Count == 0, $"Tables without forced row-level security: {string.Join(", ", unforced)}. "
            + "Give them policies (see Access/ReferenceTableSecurity.cs).");
    }

    [Fact]
    public async Task The_app_role_changes_staff_teams_and_products_only_as_an_admin_or_for_sign_in_bookkeeping()
    {
        await using var connection = await ConnectAsync();
        var junior = await database.UserWithRoleAsync(Users.RoleLevel.Executive);
        var admin = await database.UserWithRoleAsync(Users.RoleLevel.Admin);
        await using var transaction = await connection.BeginTransactionAsync(); // nothing here is kept

        await BecomeAsync(connection, junior.Id.ToString());
        await ExecuteAsync(connection, "SAVEPOINT junior");
        await RefusedAsync(connection, "a junior", $"UPDATE users SET role_id = 0 WHERE id = {junior.Id}");
        await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT junior");
        await RefusedAsync(connection, "a junior", "UPDATE products SET name = name || ' (edited)'", rowsInstead: 0);
        await RefusedAsync(connection, "a junior", "UPDATE teams SET name = name || ' (edited)'", rowsInstead: 0);
        await ExecuteAsync(connection, "SAVEPOINT junior");
        await RefusedAsync(connection, "a junior",
            "INSERT INTO products (name, category, created_at, updated_at) VALUES ('Own product', 'Bonds', now(), now())");
        await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT junior");
        // The sign-in form records a failed attempt on the account it was tried on, whoever is signed in.
        Assert.Equal(1, await ExecuteAsync(connection, $"UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = {admin.Id}"));

        await BecomeAsync(connection, ""); // nobody signed in: sign-in reads the user, nothing else
        Assert.True(await CountAsync(connection, "users") > 0);
        Assert.Equal(0, await CountAsync(connection, "teams"));
        Assert.Equal(0, await CountAsync(connection, "products"));
        Assert.Equal(0, await CountAsync(connection, "roles"));
        await ExecuteAsync(connection, "SAVEPOINT anonymous");
        await RefusedAsync(connection, "nobody", $"UPDATE users SET password_hash = 'x' WHERE id = {admin.Id}");
        await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT anonymous");
        await RefusedAsync(connection, "nobody", "SELECT count(*) FROM __ef_migrations_history");
        await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT anonymous");

        await BecomeAsync(connection, admin.Id.ToString());
        Assert.True(await ExecuteAsync(connection, "UPDATE products SET name = name || ' (edited)'") > 0);
        Assert.Equal(1, await ExecuteAsync(connection, $"UPDATE users SET role_id = 1 WHERE id = {junior.Id}"));
        await transaction.RollbackAsync();
    }

    private async Task<NpgsqlConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(database.Store.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The statement fails for lack of privilege (or a policy); or, with rowsInstead, changes that many rows.</summary>
    private static async Task RefusedAsync(NpgsqlConnection connection, string who, string sql, int? rowsInstead = null)
    {
        if (rowsInstead is { } rows)
        {
            Assert.True(rows == await ExecuteAsync(connection, sql), $"{who} changed rows with: {sql}");
            return;
        }
        try
        {
            await ExecuteAsync(connection, sql);
        }
        catch (PostgresException refused)
        {
            Assert.True(refused.SqlState == InsufficientPrivilege, $"{who}: {sql} failed with {refused.SqlState} {refused.MessageText}");
            return;
        }
        Assert.Fail($"{who} was allowed: {sql}");
    }

    private static async Task BecomeAsync(NpgsqlConnection connection, string userId)
    {
        await using var become = new NpgsqlCommand(RowSecuritySession.BecomeSql, connection);
        become.Parameters.Add(new NpgsqlParameter { Value = RowLevelSecurity.AppRole });
        become.Parameters.Add(new NpgsqlParameter { Value = userId });
        await become.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}

using JlnbCrm.Database;
using Npgsql;

namespace JlnbCrm.FunctionalTests.Databases;

/// <summary>A throw-away database on the PostgreSQL server named by JLNBCRM_TEST_POSTGRES (see scripts/postgres.sh).</summary>
public class PostgresDatabase : TestDatabase
{
    private string _admin = "";
    private string _name = "";

    public override CrmProvider Provider => CrmProvider.Postgres;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("JLNBCRM_TEST_POSTGRES") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException(
                "JLNBCRM_TEST_POSTGRES is not set. Run the suite with `bash scripts/test.sh`, which starts PostgreSQL and sets it.");

    protected override async Task<CrmStore> CreateAsync()
    {
        _admin = AdminConnectionString;
        _name = $"jlnbcrm_test_{Guid.NewGuid():N}"[..30];
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
        await create.ExecuteNonQueryAsync();
        var builder = new NpgsqlConnectionStringBuilder(_admin) { Database = _name };
        return new CrmStore(CrmProvider.Postgres, builder.ConnectionString);
    }

    protected override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        // A backend of the database still closing (another role's, seen once in a loaded CI run) makes FORCE refuse
        // with 42501 for a moment; a throw-away database left behind is harmless, a red run for it is not.
        for (var attempt = 1; ; attempt++)
        {
            try { await drop.ExecuteNonQueryAsync(); return; }
            catch (PostgresException e) when (e.SqlState is "42501" or "55006" && attempt < 5) { await Task.Delay(500 * attempt); }
            catch (PostgresException e) when (e.SqlState is "42501" or "55006") { Console.WriteLine($"Left {_name}: {e.MessageText}"); return; }
        }
    }
}

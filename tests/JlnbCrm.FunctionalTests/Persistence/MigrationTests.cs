using JlnbCrm.FunctionalTests.Databases;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Persistence;

public abstract class MigrationTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    [Fact]
    public async Task The_model_has_no_changes_missing_from_this_providers_migrations()
    {
        await using var db = database.Open();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a migration. Add one for {db.GetType().Name} (see README: 'Changing the model').");
    }

    [Fact]
    public async Task Every_migration_is_applied_and_the_roles_are_seeded_with_fixed_ids()
    {
        await using var db = database.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var roles = await db.Roles.OrderBy(r => r.Id).Select(r => new { Id = (int)r.Id, r.Name }).ToListAsync();
        Assert.Equal([new { Id = 0, Name = "Admin" }, new { Id = 1, Name = "Ops/RM Head" }, new { Id = 2, Name = "Ops Exec/Junior RM" }], roles);
    }
}

public sealed class PostgresMigrationTests(PostgresDatabase db) : MigrationTests<PostgresDatabase>(db);
public sealed class SqliteMigrationTests(SqliteDatabase db) : MigrationTests<SqliteDatabase>(db);

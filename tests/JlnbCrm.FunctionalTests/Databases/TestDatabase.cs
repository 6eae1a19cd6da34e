using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Seeding;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Databases;

/// <summary>
/// A real, freshly migrated database holding a small deterministic demo firm. Each test class gets its
/// own; a derived class per provider runs the same tests on PostgreSQL and on SQLite.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    /// <summary>The demo data's "now": fixed, so generated rows are identical on every run.</summary>
    public static readonly DateTime Anchor = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public CrmStore Store { get; private set; } = null!;

    public abstract CrmProvider Provider { get; }

    protected virtual DemoScale Scale => new(200);

    public CrmDbContext Open(ICurrentActor? actor = null) => CrmDatabase.Open(Store, actor);

    /// <summary>False for a database as a new deployment gets it: created, neither migrated nor seeded.</summary>
    protected virtual bool Prepared => true;

    public async Task InitializeAsync()
    {
        Store = await CreateAsync();
        if (!Prepared) return;
        await using var db = Open();
        await db.MigrateAsync();
        await new DemoSeeder(db, Anchor).SeedAsync(Scale);
    }

    public Task DisposeAsync() => DropAsync();

    protected abstract Task<CrmStore> CreateAsync();

    protected abstract Task DropAsync();

    /// <summary>The first active user of a role, for tests that need someone to act as.</summary>
    public async Task<Users.User> UserWithRoleAsync(Users.RoleLevel role)
    {
        await using var db = Open();
        return await db.Users.AsNoTracking().Where(u => u.RoleId == role).OrderBy(u => u.Id).FirstAsync();
    }
}

using JlnbCrm.ClientQueries;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.Leads;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Seeding;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Persistence;

public abstract class SeedingTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    [Fact]
    public async Task The_demo_firm_has_every_role_team_product_and_status()
    {
        await using var db = database.Open();
        Assert.Equal([(TeamKind.Relationship, 3), (TeamKind.Operations, 2)], (await db.Teams.GroupBy(t => t.Kind)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync()).Select(g => (g.Key, g.Count)).OrderBy(g => g.Key));
        // Every type is routed, one desk is the default, and every seeded request sits on its type's desk.
        Assert.Equal(Enum.GetValues<ServiceRequestType>().Length, await db.DeskRoutes.CountAsync());
        Assert.Equal(1, await db.Teams.CountAsync(t => t.IsDefaultDesk));
        Assert.False(await db.ServiceRequests.AnyAsync(r => !db.DeskRoutes.Any(d => d.Type == r.Type && d.TeamId == r.DeskId)));
        Assert.False(await db.ServiceRequests.AnyAsync(r => r.AssignedUserId != null && r.AssignedUser!.TeamId != r.DeskId));
        Assert.Equal(10, await db.Products.CountAsync());
        Assert.Equal([RoleLevel.Admin, RoleLevel.Head, RoleLevel.Executive],
            await db.Users.Select(u => u.RoleId).Distinct().OrderBy(r => r).ToListAsync());
        Assert.Equal(200, await db.Clients.CountAsync());
        Assert.Equal(Enum.GetValues<LeadStatus>().ToHashSet(), (await db.Leads.Select(l => l.Status).Distinct().ToListAsync()).ToHashSet());
        Assert.Equal(Enum.GetValues<ServiceRequestStatus>().ToHashSet(), (await db.ServiceRequests.Select(s => s.Status).Distinct().ToListAsync()).ToHashSet());
        Assert.Equal(Enum.GetValues<ClientQueryStatus>().ToHashSet(), (await db.ClientQueries.Select(s => s.Status).Distinct().ToListAsync()).ToHashSet());
        Assert.True(await db.Leads.AnyAsync(l => l.OriginInteractionId != null), "some leads are portfolio-review cross-sells");
        Assert.True(await db.Clients.AnyAsync(c => c.SourceLeadId != null), "converted leads link their clients");
        var oldest = await db.Interactions.MinAsync(i => i.OccurredAt);
        Assert.InRange(oldest, TestDatabase.Anchor.AddMonths(-18), TestDatabase.Anchor.AddMonths(-15));
    }

    [Fact]
    public async Task Seeding_is_deterministic_across_runs_and_providers_and_does_not_run_twice()
    {
        await using var db = database.Open();
        Assert.False(await new DemoSeeder(db, TestDatabase.Anchor).SeedAsync(new DemoScale(200)));
        Assert.Equal(await FingerprintAsync(db), await FreshSqliteFingerprintAsync());
    }

    /// <summary>Enough of every table to notice any difference in what the seeder generated.</summary>
    private static async Task<string> FingerprintAsync(Database.CrmDbContext db) => string.Join("\n",
        (await db.Clients.OrderBy(c => c.Id).Select(c => new { c.Pan, c.Name, c.Mobile, c.AssignedRmId, c.CreatedAt }).ToListAsync())
        .Select(c => $"{c.Pan}{c.Name}{c.Mobile}{c.AssignedRmId}{c.CreatedAt:O}")
        .Concat(await db.Leads.OrderBy(l => l.Id).Select(l => l.ProspectName + l.Status + l.ConvertedClientId).ToListAsync())
        .Concat(await db.ServiceRequests.OrderBy(r => r.Id).Select(r => r.Details + r.Status).ToListAsync()));

    private static async Task<string> FreshSqliteFingerprintAsync()
    {
        var sqlite = new SqliteDatabase();
        await sqlite.InitializeAsync();
        try
        {
            await using var db = sqlite.Open();
            return await FingerprintAsync(db);
        }
        finally { await sqlite.DisposeAsync(); }
    }
}

public sealed class PostgresSeedingTests(PostgresDatabase db) : SeedingTests<PostgresDatabase>(db);
public sealed class SqliteSeedingTests(SqliteDatabase db) : SeedingTests<SqliteDatabase>(db);

using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Persistence;

/// <summary>
/// Behind a transaction-mode pooler (Supabase's Supavisor, PgBouncer) a client owns a server connection only for
/// one transaction, and that connection serves every other client in between. The row-security context must then
/// live in each transaction: here a junior RM and an administrator take turns on PgBouncer's single server
/// connection, and each must see exactly the rows row-level security gives them over a direct connection.
/// PostgreSQL only (row-level security and the pooler are PostgreSQL's).
/// </summary>
public sealed class TransactionPoolerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Two_users_interleaved_on_one_pooled_server_connection_each_see_only_their_rows()
    {
        var junior = Actor.For(await database.UserWithRoleAsync(RoleLevel.Executive));
        var admin = Actor.For(await database.UserWithRoleAsync(RoleLevel.Admin));
        var direct = (Junior: await VisibleAsync(database.Store, junior), Admin: await VisibleAsync(database.Store, admin));
        Assert.True(direct.Junior.Clients > 0 && direct.Junior.Clients < direct.Admin.Clients,
            $"the junior sees some clients, fewer than the admin: {direct}");

        await using var pooler = await TransactionPooler.StartAsync(database.Store.ConnectionString);
        var pooled = database.Store with { ConnectionString = pooler.Pooled(database.Store.ConnectionString) };
        await using var juniorDb = CrmDatabase.Open(pooled, junior);
        await using var adminDb = CrmDatabase.Open(pooled, admin);
        // Each context holds its own client connection for the whole unit of work, as a request does; PgBouncer
        // still runs both on its one server connection, one transaction at a time.
        await juniorDb.Database.OpenConnectionAsync();
        await adminDb.Database.OpenConnectionAsync();
        Assert.Equal(await BackendAsync(juniorDb), await BackendAsync(adminDb));

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(direct.Junior, await CountAsync(juniorDb));
            Assert.Equal(direct.Admin, await CountAsync(adminDb));
            // The same inside transactions the services open themselves (EF Core's, not the interceptor's).
            await using (var adminWork = await adminDb.Database.BeginTransactionAsync())
            {
                Assert.Equal(direct.Admin, await CountAsync(adminDb));
                await adminWork.CommitAsync();
            }
            Assert.Equal(direct.Junior, await CountAsync(juniorDb));
        }
        Assert.Equal(await BackendAsync(juniorDb), await BackendAsync(adminDb));
    }

    private static async Task<Visible> VisibleAsync(CrmStore store, Actor actor)
    {
        await using var db = CrmDatabase.Open(store, actor);
        return await CountAsync(db);
    }

    /// <summary>What row-level security alone lets the actor see: the context's own query filters are set aside.</summary>
    private static async Task<Visible> CountAsync(CrmDbContext db) => new(
        await db.Clients.IgnoreQueryFilters().CountAsync(),
        await db.Leads.IgnoreQueryFilters().CountAsync(),
        await db.Database.SqlQueryRaw<string>("SELECT current_setting('app.user_id', true) AS \"Value\"").SingleAsync());

    private static Task<int> BackendAsync(CrmDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();

    private sealed record Visible(int Clients, int Leads, string UserSetting);
}

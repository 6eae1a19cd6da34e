using System.Text.Json.Nodes;
using JlnbCrm.Access;
using JlnbCrm.Auditing;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Access;

/// <summary>
/// The ownership stored for visibility (clients.team_id; the client's RM and team on its records) follows every change
/// of its source made through the API, in the same save, with the client's history saying so; and what each persona
/// sees stays what the access matrix, computed from the sources, says.
/// </summary>
public abstract class StoredOwnershipTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private static readonly string CreateClient = Mutation("createClient", "CreateClientInput", "client { databaseId version }");
    private static readonly string Assign = Mutation("assignClientRm", "AssignClientRmInput", "client { databaseId version }");
    private static readonly string Log = Mutation("logInteraction", "LogInteractionInput", "interaction { databaseId }");
    private static readonly string CreateUser = Mutation("createUser", "CreateUserInput", "user { databaseId version }");
    private static readonly string ChangeRole = Mutation("changeUserRole", "ChangeUserRoleInput", "user { databaseId version }");
    private const string Counts = "{ clients { totalCount } leads { totalCount } interactions { totalCount } clientQueries { totalCount } serviceRequests { totalCount } }";

    private const string Rohan = "rohan.mehta@jlnb.in", Kavita = "kavita.sharma@jlnb.in", Priya = "priya.nair@jlnb.in", Amit = "amit.verma@jlnb.in";
    private const string Farhan = "farhan.qureshi@jlnb.in", Meera = "meera.pillai@jlnb.in", Admin = "admin@jlnb.in";

    [Fact]
    public async Task A_client_given_an_rm_of_another_team_takes_its_records_along_and_its_history_says_so()
    {
        var admin = app.Client();
        var (priya, amit) = (await admin.UserIdAsync(Priya), await admin.UserIdAsync(Amit));
        var created = (await admin.MutateAsync(CreateClient, "createClient", new { name = "Reva Bhandari", pan = TestData.NewPan(), assignedRmId = priya }))["client"]!;
        var id = created.Long("databaseId");
        await admin.MutateAsync(Log, "logInteraction", new { clientId = id, type = "NEW_BUSINESS", details = "First meeting.", userId = priya });
        var (mumbai, delhi) = (await TeamOfAsync(priya), await TeamOfAsync(amit));
        Assert.Equal((priya, mumbai), await StoredOwnerAsync(id));

        await admin.MutateAsync(Assign, "assignClientRm", new { id, version = created.Long("version"), rmId = amit });

        Assert.Equal((amit, delhi), await StoredOwnerAsync(id));
        await using (var db = app.Db.Open())
        {
            var history = await db.AuditLog.Where(a => a.Entity == AuditedRecords.Clients && a.EntityId == id && a.Action == AuditAction.Update)
                .Select(a => a.Changes).SingleAsync();
            var changes = JsonNode.Parse(history)!;
            Assert.Equal((mumbai, delhi), (changes["team_id"]!["old"]!.GetValue<long>(), changes["team_id"]!["new"]!.GetValue<long>()));
        }
        Assert.Equal(1, await SeesClientAsync(Amit, id));
        Assert.Equal(1, await SeesClientAsync(Kavita, id));
        Assert.Equal(0, await SeesClientAsync(Priya, id));
        Assert.Equal(0, await SeesClientAsync(Rohan, id));
        await The_matrix_still_holds_for(Amit, Kavita, Priya, Rohan);
    }

    [Fact]
    public async Task An_rm_moved_to_another_team_takes_their_clients_and_records_along_and_each_clients_history_says_so()
    {
        var admin = app.Client();
        var (mumbai, delhi) = (await TeamOfAsync(await admin.UserIdAsync(Priya)), await TeamOfAsync(await admin.UserIdAsync(Amit)));
        var rm = (await admin.MutateAsync(CreateUser, "createUser", new
        {
            name = "Ketan Shah", email = $"ketan.{Guid.NewGuid():N}@jlnb.in", role = "EXECUTIVE", teamId = mumbai, password = "Welcome#2026",
        }))["user"]!;
        var rmId = rm.Long("databaseId");
        var clients = new List<long>();
        foreach (var name in new[] { "Nitin Rao", "Farah Ali" })
        {
            var id = (await admin.MutateAsync(CreateClient, "createClient", new { name, pan = TestData.NewPan(), assignedRmId = rmId }))["client"]!.Long("databaseId");
            await admin.MutateAsync(Log, "logInteraction", new { clientId = id, type = "NEW_BUSINESS", details = "Onboarding call.", userId = rmId });
            clients.Add(id);
        }
        Assert.All(clients, id => Assert.Equal(1, SeesClientAsync(Rohan, id).Result));

        await admin.MutateAsync(ChangeRole, "changeUserRole", new { id = rmId, version = rm.Long("version"), role = "EXECUTIVE", teamId = delhi });

        foreach (var id in clients)
        {
            Assert.Equal((rmId, delhi), await StoredOwnerAsync(id));
            await using var db = app.Db.Open();
            var history = await db.AuditLog.Where(a => a.Entity == AuditedRecords.Clients && a.EntityId == id && a.Action == AuditAction.Update)
                .Select(a => a.Changes).SingleAsync();
            var changes = JsonNode.Parse(history)!;
            Assert.Equal((mumbai, delhi), (changes["team_id"]!["old"]!.GetValue<long>(), changes["team_id"]!["new"]!.GetValue<long>()));
            Assert.Equal(1, await SeesClientAsync(Kavita, id));
            Assert.Equal(0, await SeesClientAsync(Rohan, id));
        }
        await The_matrix_still_holds_for(Kavita, Rohan);
    }

    /// <summary>
    /// Every arm of the search function on the demo firm: a junior's book, a head's team, a desk's reached clients
    /// (probed by id), an admin's firm; a fragment long enough for trigrams ("sha"), and PAN prefixes too short for the
    /// firm-wide PAN index ("a", "ar"), which are matched along the access paths instead.
    /// </summary>
    [Theory]
    [InlineData(Priya, "ar")]
    [InlineData(Priya, "a")]
    [InlineData(Rohan, "a")]
    [InlineData(Rohan, "sha")]
    [InlineData(Farhan, "a")]
    [InlineData(Meera, "ar")]
    [InlineData(Admin, "ar")]
    [InlineData(Admin, "sha")]
    public async Task The_search_function_returns_only_ids_the_caller_may_read_and_searching_under_rls_finds_what_the_filter_finds(
        string email, string term)
    {
        if (app.Db.Provider != Database.CrmProvider.Postgres) return; // the indexed search is PostgreSQL's; SQLite filters with LIKE
        var viaApi = new HashSet<long>();
        for (string? after = null; ;)
        {
            var page = (await app.ClientAs(email).DataAsync(
                "query($s: String, $a: String) { clients(search: $s, first: 100, after: $a) { pageInfo { hasNextPage endCursor } edges { node { databaseId } } } }",
                new { s = term, a = after }))["clients"]!;
            viaApi.UnionWith(page["edges"]!.AsArray().Select(e => e!["node"]!.Long("databaseId")));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            after = page["pageInfo"]!.Str("endCursor");
        }

        await using var connection = new NpgsqlConnection(app.Db.Store.ConnectionString);
        await connection.OpenAsync();
        var everyMatch = await IdsAsync(connection, $"SELECT id FROM clients WHERE name ILIKE '%{term}%' OR pan LIKE '{term.ToUpperInvariant()}%'");
        await using (var become = new NpgsqlCommand(RowSecuritySession.BecomeSql, connection))
        {
            become.Parameters.Add(new NpgsqlParameter { Value = RowLevelSecurity.AppRole });
            become.Parameters.Add(new NpgsqlParameter { Value = (await app.Client().UserIdAsync(email)).ToString() });
            await become.ExecuteNonQueryAsync();
        }
        var readable = await IdsAsync(connection, "SELECT id FROM clients");
        var candidates = await IdsAsync(connection, $"SELECT id FROM {Clients.ClientSearchCandidates.Function}('%{term}%', '{term.ToUpperInvariant()}', NULL, '{term}')");
        var matchingUnderRls = await IdsAsync(connection, $"SELECT id FROM clients WHERE name ILIKE '%{term}%' OR pan LIKE '{term.ToUpperInvariant()}%'");

        if (email == Admin) Assert.Equal(everyMatch, matchingUnderRls); // an admin still finds everyone
        else Assert.True(everyMatch.Count > matchingUnderRls.Count, "the demo firm has matches the caller may not read");
        Assert.Subset(readable, candidates); // nothing beyond what the caller may read, not even an id
        Assert.Equal(matchingUnderRls, candidates);
        Assert.NotEmpty(viaApi);
        Assert.Equal(matchingUnderRls, viaApi);
    }

    private async Task The_matrix_still_holds_for(params string[] emails)
    {
        AccessMatrix matrix;
        await using (var db = app.Db.Open()) matrix = await AccessMatrix.LoadAsync(db);
        foreach (var email in emails)
        {
            var data = await app.ClientAs(email).DataAsync(Counts);
            var actual = new Dictionary<string, int>
            {
                ["clients"] = data["clients"]!["totalCount"]!.GetValue<int>(),
                ["leads"] = data["leads"]!["totalCount"]!.GetValue<int>(),
                ["interactions"] = data["interactions"]!["totalCount"]!.GetValue<int>(),
                ["queries"] = data["clientQueries"]!["totalCount"]!.GetValue<int>(),
                ["service_requests"] = data["serviceRequests"]!["totalCount"]!.GetValue<int>(),
            };
            Assert.Equal(matrix.Visible(email), actual);
        }
    }

    private async Task<int> SeesClientAsync(string email, long id) =>
        (await app.ClientAs(email).DataAsync("query($w: ClientFilterInput) { clients(where: $w) { totalCount } }",
            new { w = new { databaseId = new { eq = id } } }))["clients"]!["totalCount"]!.GetValue<int>();

    private async Task<long?> TeamOfAsync(long userId)
    {
        await using var db = app.Db.Open();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.TeamId).SingleAsync();
    }

    /// <summary>The client's stored team, checked against the copies on each of its interactions.</summary>
    private async Task<(long Rm, long? Team)> StoredOwnerAsync(long clientId)
    {
        await using var db = app.Db.Open();
        var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == clientId);
        var copies = await db.Interactions.IgnoreQueryFilters().Where(i => i.ClientId == clientId)
            .Select(i => new { i.ClientRmId, i.ClientTeamId }).ToListAsync();
        Assert.NotEmpty(copies);
        Assert.All(copies, copy => Assert.Equal((client.AssignedRmId, client.TeamId), (copy.ClientRmId, copy.ClientTeamId)));
        return (client.AssignedRmId, client.TeamId);
    }

    private static async Task<HashSet<long>> IdsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<long>();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }
}

public sealed class PostgresStoredOwnershipTests(PostgresGraphApp app) : StoredOwnershipTests<PostgresGraphApp>(app);
public sealed class SqliteStoredOwnershipTests(SqliteGraphApp app) : StoredOwnershipTests<SqliteGraphApp>(app);

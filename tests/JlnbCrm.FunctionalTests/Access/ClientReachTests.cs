using System.Data.Common;
using JlnbCrm.Access;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using Microsoft.EntityFrameworkCore;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Access;

/// <summary>
/// client_reach ("clients reached through work", kept by the database's triggers) stays exactly what a recomputation
/// from the requests and queries gives, through every workflow that changes who works what, made over GraphQL; and a
/// client reached only through work appears to, and disappears from, the people whose work it is.
/// </summary>
public abstract class ClientReachTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private static readonly string CreateClient = Mutation("createClient", "CreateClientInput", "client { databaseId version }");
    private static readonly string AssignRm = Mutation("assignClientRm", "AssignClientRmInput", "client { databaseId version }");
    private static readonly string CreateRequest = Mutation("createServiceRequest", "CreateServiceRequestInput", "serviceRequest { databaseId version }");
    private static readonly string AssignRequest = Mutation("assignServiceRequest", "AssignServiceRequestInput", "serviceRequest { databaseId version }");
    private static readonly string UpdateRequest = Mutation("updateServiceRequest", "UpdateServiceRequestInput", "serviceRequest { databaseId version }");
    private static readonly string MoveRequest = Mutation("moveServiceRequest", "MoveServiceRequestInput", "serviceRequest { databaseId version }");
    private static readonly string DeleteRequest = Mutation("deleteServiceRequest", "DeleteServiceRequestInput", "__typename");
    private static readonly string OpenQuery = Mutation("openClientQuery", "OpenClientQueryInput", "clientQuery { databaseId version }");
    private static readonly string AssignQuery = Mutation("assignClientQuery", "AssignClientQueryInput", "clientQuery { databaseId version }");
    private static readonly string DeleteQuery = Mutation("deleteClientQuery", "DeleteClientQueryInput", "__typename");
    private static readonly string CreateUser = Mutation("createUser", "CreateUserInput", "user { databaseId version }");
    private static readonly string ChangeRole = Mutation("changeUserRole", "ChangeUserRoleInput", "user { databaseId version }");

    private const string Priya = "priya.nair@jlnb.in", Vikram = "vikram.singh@jlnb.in", Amit = "amit.verma@jlnb.in",
        Meera = "meera.pillai@jlnb.in", Farhan = "farhan.qureshi@jlnb.in", Lakshmi = "lakshmi.iyer@jlnb.in",
        Sanjay = "sanjay.patil@jlnb.in", Kavita = "kavita.sharma@jlnb.in";

    [Fact]
    public async Task The_reach_table_stays_exact_through_every_workflow_that_changes_who_works_what()
    {
        var admin = app.Client();
        var (priya, amit, vikram) = (await admin.UserIdAsync(Priya), await admin.UserIdAsync(Amit), await admin.UserIdAsync(Vikram));
        var (farhan, lakshmi) = (await admin.UserIdAsync(Farhan), await admin.UserIdAsync(Lakshmi));
        var client = await ClientAsync(admin, priya);
        await ExactAsync("the demo firm, backfilled by the migration");

        var request = await RowAsync(admin, CreateRequest, "createServiceRequest", "serviceRequest",
            new { clientId = client.Id, type = "ADDRESS_CHANGE", details = "Moved house" });
        await ExactAsync("an unassigned request on the KYC desk");
        request = await RowAsync(admin, AssignRequest, "assignServiceRequest", "serviceRequest", new { request.Id, request.Version, userId = farhan });
        await ExactAsync("the request assigned");
        request = await RowAsync(admin, AssignRequest, "assignServiceRequest", "serviceRequest", new { request.Id, request.Version, userId = lakshmi });
        await ExactAsync("the request reassigned");
        request = await RowAsync(admin, MoveRequest, "moveServiceRequest", "serviceRequest", new { request.Id, request.Version, status = "IN_PROGRESS" });
        request = await RowAsync(admin, MoveRequest, "moveServiceRequest", "serviceRequest", new { request.Id, request.Version, status = "COMPLETED" });
        await ExactAsync("the request closed");

        var other = await RowAsync(admin, CreateRequest, "createServiceRequest", "serviceRequest",
            new { clientId = client.Id, type = "ADDRESS_CHANGE", details = "Second address" });
        other = await RowAsync(admin, UpdateRequest, "updateServiceRequest", "serviceRequest", new { other.Id, other.Version, type = "REDEMPTION" });
        await ExactAsync("an unassigned request moved to the Transactions desk by its type");
        await admin.MutateAsync(DeleteRequest, "deleteServiceRequest", new { other.Id, other.Version, reason = "Raised twice" });
        await admin.MutateAsync(DeleteRequest, "deleteServiceRequest", new { request.Id, request.Version, reason = "Raised twice" });
        await ExactAsync("the requests deleted");

        var query = await RowAsync(admin, OpenQuery, "openClientQuery", "clientQuery", new { clientId = client.Id, details = "Statement missing", assignedRmId = amit });
        await ExactAsync("a query assigned to an RM of another team");
        query = await RowAsync(admin, AssignQuery, "assignClientQuery", "clientQuery", new { query.Id, query.Version, rmId = vikram });
        await ExactAsync("the query reassigned");
        await admin.MutateAsync(AssignRm, "assignClientRm", new { client.Id, client.Version, rmId = amit });
        await ExactAsync("the client given another RM");

        // A person moving team takes their work's Team reach along.
        var kycDesk = await TeamOfAsync(farhan);
        var transactionsDesk = await TeamOfAsync(await admin.UserIdAsync(Sanjay));
        var exec = await RowAsync(admin, CreateUser, "createUser", "user", new
        {
            name = "Reach Exec", email = $"reach.{Guid.NewGuid():N}@jlnb.in", role = "EXECUTIVE", teamId = kycDesk, password = "Welcome#2026",
        });
        var worked = await RowAsync(admin, CreateRequest, "createServiceRequest", "serviceRequest",
            new { clientId = client.Id, type = "ADDRESS_CHANGE", details = "Third address", assignedUserId = exec.Id });
        await ExactAsync("a request assigned to a new executive");
        await admin.MutateAsync(ChangeRole, "changeUserRole", new { exec.Id, exec.Version, role = "EXECUTIVE", teamId = transactionsDesk });
        await ExactAsync("the executive moved to the other desk");
        await admin.MutateAsync(DeleteQuery, "deleteClientQuery", new { query.Id, query.Version, reason = "Resolved by phone" });
        await admin.MutateAsync(DeleteRequest, "deleteServiceRequest", new { worked.Id, worked.Version, reason = "Raised twice" });
        await ExactAsync("the last work on the client deleted");
        Assert.Empty(await ReachOfClientAsync(client.Id));
    }

    [Fact]
    public async Task A_client_reached_only_through_work_appears_to_whoever_works_it_and_disappears_when_the_work_goes()
    {
        var admin = app.Client();
        var (priya, amit, vikram) = (await admin.UserIdAsync(Priya), await admin.UserIdAsync(Amit), await admin.UserIdAsync(Vikram));
        var lakshmi = await admin.UserIdAsync(Lakshmi);
        var client = await ClientAsync(admin, priya);
        foreach (var outsider in new[] { Vikram, Amit, Kavita, Meera, Farhan, Lakshmi }) Assert.False(await SeesAsync(outsider, client.Id), outsider);

        var query = await RowAsync(admin, OpenQuery, "openClientQuery", "clientQuery", new { clientId = client.Id, details = "Statement missing", assignedRmId = amit });
        Assert.True(await SeesAsync(Amit, client.Id));
        Assert.True(await SeesAsync(Kavita, client.Id)); // Amit's head sees her people's work
        Assert.False(await SeesAsync(Vikram, client.Id));
        query = await RowAsync(admin, AssignQuery, "assignClientQuery", "clientQuery", new { query.Id, query.Version, rmId = vikram });
        Assert.True(await SeesAsync(Vikram, client.Id));
        Assert.False(await SeesAsync(Amit, client.Id));
        Assert.False(await SeesAsync(Kavita, client.Id));
        await admin.MutateAsync(DeleteQuery, "deleteClientQuery", new { query.Id, query.Version, reason = "Opened by mistake" });
        Assert.False(await SeesAsync(Vikram, client.Id));

        var request = await RowAsync(admin, CreateRequest, "createServiceRequest", "serviceRequest",
            new { clientId = client.Id, type = "ADDRESS_CHANGE", details = "Moved house" });
        Assert.True(await SeesAsync(Farhan, client.Id)); // the desk's queue
        Assert.True(await SeesAsync(Meera, client.Id));  // the desk's head
        request = await RowAsync(admin, AssignRequest, "assignServiceRequest", "serviceRequest", new { request.Id, request.Version, userId = lakshmi });
        Assert.False(await SeesAsync(Farhan, client.Id)); // no longer on the queue, and not his
        Assert.True(await SeesAsync(Lakshmi, client.Id));
        Assert.True(await SeesAsync(Meera, client.Id));
        await admin.MutateAsync(DeleteRequest, "deleteServiceRequest", new { request.Id, request.Version, reason = "Raised twice" });
        foreach (var outsider in new[] { Lakshmi, Meera, Farhan }) Assert.False(await SeesAsync(outsider, client.Id), outsider);
    }

    private sealed record Rec(long Id, long Version);

    private static async Task<Rec> RowAsync(GraphClient client, string mutation, string field, string node, object input)
    {
        var row = (await client.MutateAsync(mutation, field, input))[node]!;
        return new(row.Long("databaseId"), row.Long("version"));
    }

    /// <summary>Each test client's unique name, so a name search can look for exactly that client.</summary>
    private readonly Dictionary<long, string> _names = [];

    private async Task<Rec> ClientAsync(GraphClient admin, long rm)
    {
        var name = $"Reach Client {Guid.NewGuid():N}"[..21];
        var client = await RowAsync(admin, CreateClient, "createClient", "client",
            new { name, pan = Databases.TestData.NewPan(), assignedRmId = rm });
        _names[client.Id] = name;
        return client;
    }

    /// <summary>
    /// Sees the client in the clients list, by id and by a search for its name (on PostgreSQL the search function's
    /// access-path arms, reached clients included), or in none of them.
    /// </summary>
    private async Task<bool> SeesAsync(string email, long id)
    {
        var data = await app.ClientAs(email).DataAsync("""
            query($w: ClientFilterInput, $id: ID!, $s: String) {
              clients(where: $w) { totalCount edges { node { databaseId } } }
              found: clients(search: $s) { edges { node { databaseId } } }
              node(id: $id) { id } }
            """,
            new { w = new { databaseId = new { eq = id } }, id = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Client:{id}")),
                s = _names[id] });
        var listed = data["clients"]!["totalCount"]!.GetValue<int>() == 1 && data["clients"]!["edges"]!.AsArray().Count == 1;
        var byId = data["node"] is not null;
        var found = data["found"]!["edges"]!.AsArray().Any(e => e!["node"]!["databaseId"]!.GetValue<long>() == id);
        Assert.Equal(listed, byId);
        Assert.Equal(listed, found);
        return listed;
    }

    /// <summary>The maintained table equals a recomputation from scratch (the same query the backfill runs).</summary>
    private async Task ExactAsync(string after)
    {
        var kept = await RowsAsync($"SELECT kind, principal_id, client_id, works FROM {ClientReach.Table}");
        var recomputed = await RowsAsync(ClientReachMaintenance.Recompute);
        Assert.True(recomputed.Count > 0, "the demo firm has work on clients");
        Assert.True(kept.SetEquals(recomputed), $"client_reach drifted after {after}: " +
            $"kept but not due {string.Join(", ", kept.Except(recomputed).Take(5))}; due but not kept {string.Join(", ", recomputed.Except(kept).Take(5))}");
    }

    private async Task<List<(int, long, long, int)>> ReachOfClientAsync(long clientId) =>
        (await RowsAsync($"SELECT kind, principal_id, client_id, works FROM {ClientReach.Table} WHERE client_id = {clientId}")).ToList();

    private async Task<HashSet<(int Kind, long Principal, long Client, int Works)>> RowsAsync(string sql)
    {
        await using var db = app.Db.Open(); // the owner: not bound by row security
        DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new HashSet<(int, long, long, int)>();
        while (await reader.ReadAsync())
            rows.Add((Convert.ToInt32(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)), Convert.ToInt32(reader.GetValue(3))));
        return rows;
    }

    private async Task<long?> TeamOfAsync(long userId)
    {
        await using var db = app.Db.Open();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.TeamId).SingleAsync();
    }
}

public sealed class PostgresClientReachTests(PostgresGraphApp app) : ClientReachTests<PostgresGraphApp>(app);
public sealed class SqliteClientReachTests(SqliteGraphApp app) : ClientReachTests<SqliteGraphApp>(app);

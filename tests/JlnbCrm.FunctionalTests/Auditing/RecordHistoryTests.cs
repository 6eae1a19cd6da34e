using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Auditing;

/// <summary>
/// A record's history (its audit trail) is read by everyone who sees the record, on that record only, with protected
/// values as they see the record: over GraphQL, on the record pages, through the row filter and (PostgreSQL) under
/// row-level security alone.
/// </summary>
public abstract class RecordHistoryTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Priya = "priya.nair@jlnb.in", Vikram = "vikram.singh@jlnb.in", Farhan = "farhan.qureshi@jlnb.in";
    private GraphClient Admin => app.Client();

    [Fact]
    public async Task A_junior_reads_who_changed_their_query_and_when()
    {
        var query = await PriyasQueryAsync();
        await app.ClientAs("rohan.mehta@jlnb.in").MutateAsync(Mutation("startClientQuery", "StartClientQueryInput", "__typename"),
            "startClientQuery", new { id = query.Long("databaseId"), version = query.Long("version") });

        var history = await HistoryAsync(app.ClientAs(Priya), "ClientQuery", query.Str("id")!);
        var start = history.Single(e => e!.Str("action") == "UPDATE")!;
        Assert.Equal("Rohan Mehta", start["user"]!.Str("name"));
        Assert.Equal("In Progress", JsonNode.Parse(start.Str("changes")!)!["status"]!["new"]!.GetValue<string>());
        Assert.Contains(history, e => e!.Str("action") == "INSERT");
    }

    [Fact]
    public async Task The_history_of_a_record_someone_does_not_see_is_not_theirs_to_read()
    {
        var query = await PriyasQueryAsync();
        var id = query.Long("databaseId");
        Assert.True(await AuditRowsAsync(Priya, "queries", id) > 0);
        Assert.Equal(0, await AuditRowsAsync(Vikram, "queries", id)); // same team, but the query is not his
        Assert.Null((await app.ClientAs(Vikram).DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = query.Str("id") }))["node"]);
        var auditLog = await app.ClientAs(Priya).SendAsync("{ auditLog(first: 5) { totalCount } }");
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(auditLog)); // the whole log stays the admins'
    }

    [Fact]
    public async Task Someone_who_sees_a_client_masked_sees_its_pan_and_account_id_masked_in_its_history()
    {
        var (client, pan) = await ClientFarhanWorksOnAsync();
        var newPan = TestData.NewPan();
        await Admin.MutateAsync(Mutation("updateClient", "UpdateClientInput", "__typename"), "updateClient",
            new { id = client.Long("databaseId"), version = client.Long("version"), pan = newPan, accountId = "ACC99887766" });

        var seenByFarhan = (await HistoryAsync(app.ClientAs(Farhan), "Client", client.Str("id")!)).ToJsonString();
        foreach (var secret in new[] { pan, newPan, "ACC99887766" }) Assert.DoesNotContain(secret, seenByFarhan);
        Assert.Contains(Client.Protected.Pan.Mask(pan)!, seenByFarhan);
        Assert.Contains(Client.Protected.Pan.Mask(newPan)!, seenByFarhan);
        Assert.Contains("****7766", seenByFarhan);
        var seenByPriya = (await HistoryAsync(app.ClientAs(Priya), "Client", client.Str("id")!)).ToJsonString();
        Assert.Contains(newPan, seenByPriya);

        // The profile page's History reads through the same place.
        var page = await (await (await SignedInAsync(Farhan)).GetAsync($"/clients/{client.Long("databaseId")}")).Content.ReadAsStringAsync();
        var section = Regex.Match(page, "data-testid=\"history\".*?</ol>", RegexOptions.Singleline).Value;
        Assert.Contains(Client.Protected.Pan.Mask(newPan)!, section);
        foreach (var secret in new[] { pan, newPan, "ACC99887766" }) Assert.DoesNotContain(secret, page);
    }

    [Fact]
    public async Task History_pages_newest_first_by_cursor_with_protected_values_masked_on_every_page()
    {
        var (client, pan) = await ClientFarhanWorksOnAsync();
        var version = client.Long("version");
        var pans = new List<string> { pan };
        for (var i = 0; i < 3; i++)
        {
            pans.Add(TestData.NewPan());
            version = (await Admin.MutateAsync(Mutation("updateClient", "UpdateClientInput", "client { version }"), "updateClient",
                new { id = client.Long("databaseId"), version, pan = pans[^1] }))["client"]!.Long("version");
        }

        const string page = "query($id: ID!, $after: String) { node(id: $id) { ... on Client { history(first: 2, after: $after) "
            + "{ totalCount pageInfo { hasNextPage endCursor } edges { node { databaseId at action changes } } } } } }";
        var farhan = app.ClientAs(Farhan);
        var read = new List<JsonNode>();
        string? after = null;
        int total;
        while (true)
        {
            var history = (await farhan.DataAsync(page, new { id = client.Str("id"), after }))["node"]!["history"]!;
            total = history["totalCount"]!.GetValue<int>();
            var edges = history["edges"]!.AsArray();
            Assert.InRange(edges.Count, 1, 2);
            read.AddRange(edges.Select(e => e!["node"]!));
            if (!history["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            after = history["pageInfo"]!.Str("endCursor");
        }

        Assert.True(total >= 4, $"{total} entries"); // at least the insert and three updates, each once across the pages
        Assert.Equal(total, read.Select(e => e.Long("databaseId")).Distinct().Count());
        Assert.Equal(read.OrderByDescending(e => e.Str("at")).ThenByDescending(e => e.Long("databaseId")), read);
        Assert.Equal("INSERT", read[^1].Str("action"));
        var seen = string.Join("\n", read.Select(e => e.Str("changes")));
        foreach (var secret in pans) Assert.DoesNotContain(secret, seen);
        Assert.Contains(Client.Protected.Pan.Mask(pans[^1])!, seen);

        var oldest = (await farhan.DataAsync("query($id: ID!) { node(id: $id) { ... on Client { history(last: 1) "
            + "{ pageInfo { hasPreviousPage } edges { node { action } } } } } }", new { id = client.Str("id") }))["node"]!["history"]!;
        Assert.Equal("INSERT", oldest["edges"]![0]!["node"]!.Str("action"));
        Assert.True(oldest["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_forged_history_cursor_is_refused_not_read()
    {
        var (client, _) = await ClientFarhanWorksOnAsync();
        foreach (var forged in new[] { "bogus", Convert.ToBase64String("[\"2099-01-01\",1]"u8.ToArray()) })
        {
            var response = await Admin.SendAsync("query($id: ID!, $after: String) { node(id: $id) { ... on Client { "
                + "history(after: $after) { edges { node { action } } } } } }", new { id = client.Str("id"), after = forged });
            Assert.Equal(["INVALID_CURSOR"], GraphClient.ErrorCodes(response));
        }
    }

    [Fact]
    public async Task Every_record_of_a_page_gets_its_own_history_page_and_count()
    {
        var first = await PriyasQueryAsync();
        var (client, _) = await ClientFarhanWorksOnAsync();
        await Admin.MutateAsync(Mutation("updateClient", "UpdateClientInput", "__typename"), "updateClient",
            new { id = client.Long("databaseId"), version = client.Long("version"), accountId = "ACC12121212" });
        var nodes = (await Admin.DataAsync("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Client { databaseId "
            + "history(first: 1) { totalCount edges { node { entityId action } } } } ... on ClientQuery { databaseId "
            + "history(first: 1) { totalCount edges { node { entityId action } } } } } }",
            new { ids = new[] { client.Str("id"), first.Str("id") } }))["nodes"]!.AsArray();
        var clientHistory = nodes[0]!["history"]!;
        Assert.Equal(await HistoryCountAsync("Client", client.Str("id")!), clientHistory["totalCount"]!.GetValue<int>());
        Assert.Equal(client.Long("databaseId"), clientHistory["edges"]![0]!["node"]!.Long("entityId"));
        Assert.Equal("UPDATE", clientHistory["edges"]![0]!["node"]!.Str("action"));
        var queryHistory = nodes[1]!["history"]!;
        Assert.Equal(await HistoryCountAsync("ClientQuery", first.Str("id")!), queryHistory["totalCount"]!.GetValue<int>());
        Assert.Equal(first.Long("databaseId"), queryHistory["edges"]![0]!["node"]!.Long("entityId"));
    }

    [Fact]
    public async Task A_juniors_record_page_shows_its_history_in_india_time()
    {
        var query = await PriyasQueryAsync();
        var page = await (await (await SignedInAsync(Priya)).GetAsync($"/queries/{query.Long("databaseId")}")).Content.ReadAsStringAsync();
        var section = Regex.Match(page, "data-testid=\"history\".*?</ol>", RegexOptions.Singleline).Value;
        Assert.Matches(@"Insert</strong> by [^,]+, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} IST", section);
    }

    [Fact]
    public async Task Row_level_security_alone_lets_people_read_the_history_of_the_records_they_see_only()
    {
        if (app.Db.Provider != JlnbCrm.Database.CrmProvider.Postgres) return; // SQLite has no row-level security
        var query = await PriyasQueryAsync();
        var (client, _) = await ClientFarhanWorksOnAsync();
        await using var connection = new NpgsqlConnection(app.Db.Store.ConnectionString);
        await connection.OpenAsync();
        async Task<long> CountAsync(string email, string table, long id)
        {
            await using var become = new NpgsqlCommand(RowSecuritySession.BecomeSql, connection);
            become.Parameters.Add(new NpgsqlParameter { Value = RowLevelSecurity.AppRole });
            become.Parameters.Add(new NpgsqlParameter { Value = (await Admin.UserIdAsync(email)).ToString() });
            await become.ExecuteNonQueryAsync();
            // Rows the reader did not write, so the "read back what you wrote" clause plays no part.
            await using var count = new NpgsqlCommand(
                "SELECT count(*) FROM audit_log WHERE entity = $1 AND entity_id = $2 AND user_id IS DISTINCT FROM crm_actor_id()", connection);
            count.Parameters.Add(new NpgsqlParameter { Value = table });
            count.Parameters.Add(new NpgsqlParameter { Value = id });
            var rows = (long)(await count.ExecuteScalarAsync())!;
            await using var reset = new NpgsqlCommand("RESET ROLE", connection);
            await reset.ExecuteNonQueryAsync();
            return rows;
        }
        Assert.True(await CountAsync(Priya, "queries", query.Long("databaseId")) > 0);
        Assert.Equal(0, await CountAsync(Vikram, "queries", query.Long("databaseId")));
        Assert.True(await CountAsync(Farhan, "clients", client.Long("databaseId")) > 0); // seen through his request
        Assert.Equal(0, await CountAsync(Vikram, "clients", client.Long("databaseId")));
    }

    private static async Task<JsonArray> HistoryAsync(GraphClient actor, string type, string id) =>
        new((await actor.DataAsync(
                $"query($id: ID!) {{ node(id: $id) {{ ... on {type} {{ history {{ edges {{ node {{ action at user {{ name }} changes }} }} }} }} }} }}",
                new { id }))["node"]!["history"]!["edges"]!.AsArray().Select(e => e!["node"]!.DeepClone()).ToArray());

    /// <summary>A record's history counted alone, as an admin reads it (one record per request, nothing batched).</summary>
    private async Task<int> HistoryCountAsync(string type, string id) =>
        (await Admin.DataAsync($"query($id: ID!) {{ node(id: $id) {{ ... on {type} {{ history {{ totalCount }} }} }} }}", new { id }))
            ["node"]!["history"]!["totalCount"]!.GetValue<int>();

    /// <summary>The audit rows of a record a person's own row filter lets through (the path every history read takes).</summary>
    private async Task<int> AuditRowsAsync(string email, string table, long id)
    {
        await using var db = app.Db.Open(Actor.For(await app.Db.Open().Users.SingleAsync(u => u.Email == email)));
        return await db.AuditLog.CountAsync(a => a.Entity == table && a.EntityId == id);
    }

    private async Task<JsonNode> PriyasQueryAsync()
    {
        var priya = await Admin.UserIdAsync(Priya);
        var client = (await Admin.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId }"), "createClient",
            new { name = "History Client", pan = TestData.NewPan(), assignedRmId = priya }))["client"]!;
        return (await Admin.MutateAsync(Mutation("openClientQuery", "OpenClientQueryInput", "clientQuery { id databaseId version }"),
            "openClientQuery", new { clientId = client.Long("databaseId"), details = "Statement missing", assignedRmId = priya }))["clientQuery"]!;
    }

    /// <summary>A client of Priya's with a request assigned to Farhan (a desk executive), who therefore sees it with PAN masked.</summary>
    private async Task<(JsonNode Client, string Pan)> ClientFarhanWorksOnAsync()
    {
        var pan = TestData.NewPan();
        var client = (await Admin.MutateAsync(Mutation("createClient", "CreateClientInput", "client { id databaseId version }"), "createClient",
            new { name = "Masked History Client", pan, accountId = $"ACC{Random.Shared.Next(10_000_000, 99_999_999)}", assignedRmId = await Admin.UserIdAsync(Priya) }))["client"]!;
        await Admin.MutateAsync(Mutation("createServiceRequest", "CreateServiceRequestInput", "__typename"), "createServiceRequest",
            new { clientId = client.Long("databaseId"), type = "ADDRESS_CHANGE", details = "Moved house", assignedUserId = await Admin.UserIdAsync(Farhan) });
        return (client, pan);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.Browser();
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", email, DemoDirectory.Password, expectSuccess: true);
        return http;
    }
}

public sealed class PostgresRecordHistoryTests(PostgresGraphApp app) : RecordHistoryTests<PostgresGraphApp>(app);
public sealed class SqliteRecordHistoryTests(SqliteGraphApp app) : RecordHistoryTests<SqliteGraphApp>(app);

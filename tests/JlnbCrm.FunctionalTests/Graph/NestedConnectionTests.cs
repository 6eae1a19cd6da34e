using System.Text.Json.Nodes;
using JlnbCrm.Interactions;
using Microsoft.EntityFrameworkCore;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// Nested lists are connections with the root lists' arguments and rules (paging both ways with cursors, where, order,
/// totalCount, row security, field masks), batched per level: the statements do not grow with the page of parents.
/// </summary>
public abstract class NestedConnectionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Farhan = "farhan.qureshi@jlnb.in";
    private const string Priya = "priya.nair@jlnb.in";

    private const string Page = """
        query($ids: [Long!], $first: Int, $after: String, $last: Int, $before: String) {
          clients(first: 50, where: { databaseId: { in: $ids } }, order: [{ name: ASC }]) { edges { node { databaseId
            interactions(first: $first, after: $after, last: $last, before: $before, order: [{ occurredAt: DESC }]) {
              totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { databaseId } }
            } } } }
        }
        """;

    /// <summary>Each client's interactions by occurredAt descending, ties by id ascending (the order the API promises).</summary>
    private async Task<Dictionary<long, List<Interaction>>> InteractionsOfAsync(IEnumerable<long> clients)
    {
        var ids = clients.ToArray();
        await using var db = app.Db.Open();
        var rows = await db.Interactions.Where(i => ids.Contains(i.ClientId)).ToListAsync();
        return ids.ToDictionary(id => id, id => rows.Where(i => i.ClientId == id)
            .OrderByDescending(i => i.OccurredAt).ThenBy(i => i.Id).ToList());
    }

    private async Task<long[]> ClientsWithInteractionsAsync(int atLeast, int count)
    {
        await using var db = app.Db.Open();
        return await db.Interactions.GroupBy(i => i.ClientId).Where(g => g.Count() >= atLeast)
            .OrderBy(g => g.Key).Select(g => g.Key).Take(count).ToArrayAsync();
    }

    /// <summary>A new client with <paramref name="count"/> interactions a day apart, two of them at the same moment (ties go by id).</summary>
    private async Task<long> ClientWithInteractionsAsync(int count)
    {
        var admin = app.Client();
        var pan = $"{new string(Enumerable.Range(0, 5).Select(_ => (char)('A' + Random.Shared.Next(26))).ToArray())}1111P";
        var client = (await admin.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId }"), "createClient",
            new { name = $"Paged {pan}", pan, assignedRmId = await admin.UserIdAsync(Priya) }))["client"]!.Long("databaseId");
        var start = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc).AddMinutes(Random.Shared.Next(1000));
        for (var i = 0; i < count; i++)
            await admin.MutateAsync(Mutation("logInteraction", "LogInteractionInput", "__typename"), "logInteraction",
                new { clientId = client, type = "PORTFOLIO_REVIEW", details = $"Review {i}", occurredAt = start.AddDays(Math.Max(i, 1)) });
        return client;
    }

    private static Dictionary<long, JsonNode> ByClient(JsonNode data) =>
        data["clients"]!["edges"]!.AsArray().ToDictionary(e => e!["node"]!.Long("databaseId"), e => e!["node"]!["interactions"]!);

    private static long[] Ids(JsonNode connection) =>
        connection["edges"]!.AsArray().Select(e => e!["node"]!.Long("databaseId")).ToArray();

    [Fact]
    public async Task Nested_interactions_page_forward_and_backward_with_cursors_per_client()
    {
        var clients = new[] { await ClientWithInteractionsAsync(7), await ClientWithInteractionsAsync(7) };
        var expected = await InteractionsOfAsync(clients);
        var api = app.Client();

        var first = ByClient(await api.DataAsync(Page, new { ids = clients, first = 3 }));
        foreach (var id in clients)
        {
            Assert.Equal(expected[id].Take(3).Select(i => i.Id), Ids(first[id]));
            Assert.Equal(expected[id].Count, first[id]["totalCount"]!.GetValue<int>());
            Assert.True(first[id]["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            Assert.False(first[id]["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        }

        // Forward from the first client's cursor: the next three of that client.
        var (a, b) = (clients[0], clients[1]);
        var after = first[a]["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = ByClient(await api.DataAsync(Page, new { ids = new[] { a }, first = 3, after }))[a];
        Assert.Equal(expected[a].Skip(3).Take(3).Select(i => i.Id), Ids(second));
        Assert.True(second["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());

        // Backward from the second page's first row: the two rows before it, in list order.
        var before = second["edges"]![0]!["cursor"]!.GetValue<string>();
        var back = ByClient(await api.DataAsync(Page, new { ids = new[] { a }, last = 2, before }))[a];
        Assert.Equal(expected[a].Skip(1).Take(2).Select(i => i.Id), Ids(back));
        Assert.True(back["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.True(back["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        // A cursor holds sort values only, so each parent is sought within its own rows: the other client gets its
        // rows after the cursor's (occurredAt, id), not a page of the first client's.
        var cursorRow = expected[a][2];
        var both = ByClient(await api.DataAsync(Page, new { ids = clients, first = 3, after }));
        Assert.Equal(expected[a].Skip(3).Take(3).Select(i => i.Id), Ids(both[a]));
        Assert.Equal(expected[b].Where(i => i.OccurredAt < cursorRow.OccurredAt
                || (i.OccurredAt == cursorRow.OccurredAt && i.Id > cursorRow.Id)).Take(3).Select(i => i.Id),
            Ids(both[b]));
    }

    [Fact]
    public async Task Where_and_order_apply_to_each_clients_list_and_totalCount_counts_the_filtered_rows()
    {
        var clients = await ClientsWithInteractionsAsync(atLeast: 3, count: 10);
        var all = await InteractionsOfAsync(clients);
        var type = all.SelectMany(c => c.Value).GroupBy(i => i.Type).OrderByDescending(g => g.Count()).First().Key;
        var data = await app.Client().DataAsync("""
            query($ids: [Long!], $type: InteractionType) {
              clients(first: 50, where: { databaseId: { in: $ids } }) { edges { node { databaseId
                interactions(first: 2, where: { type: { eq: $type } }, order: [{ occurredAt: ASC }]) {
                  totalCount edges { node { databaseId type } } } } } }
            }
            """, new { ids = clients, type = ToEnumName(type) });
        var byClient = ByClient(data);
        Assert.Equal(clients.Length, byClient.Count);
        Assert.Contains(byClient.Values, c => c["totalCount"]!.GetValue<int>() > 0);
        foreach (var id in clients)
        {
            var matching = all[id].Where(i => i.Type == type).OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).ToList();
            Assert.Equal(matching.Count, byClient[id]["totalCount"]!.GetValue<int>());
            Assert.Equal(matching.Take(2).Select(i => i.Id), Ids(byClient[id]));
        }
    }

    [Fact]
    public async Task A_page_of_50_clients_with_their_last_5_interactions_costs_what_a_page_of_5_costs()
    {
        const string screen = """
            query($n: Int) { clients(first: $n, order: [{ name: ASC }]) { edges { node { name
              interactions(first: 5, order: [{ occurredAt: DESC }]) { totalCount items { details user { name } } }
              serviceRequests(first: 2, where: { status: { neq: COMPLETED } }) { totalCount items { type } }
            } } } }
            """;
        async Task<int> CommandsAsync(int n)
        {
            var client = app.Client();
            await client.DataAsync("{ roles { name } }"); // warm up: the schema and the EF model are built once
            app.Commands.Reset();
            var data = await client.DataAsync(screen, new { n });
            Assert.Equal(n, data["clients"]!["edges"]!.AsArray().Count);
            return app.Commands.Count;
        }

        var five = await CommandsAsync(5);
        var fifty = await CommandsAsync(50);
        Assert.Equal(five, fifty);
        // page + interactions + their count + their users + requests + their count (+ the row-security context on PostgreSQL)
        Assert.True(fifty <= 8, $"{fifty} SQL commands for one page");
    }

    [Fact]
    public async Task A_client_lists_only_the_service_requests_the_reader_may_see_and_masks_what_the_reader_sees_masked()
    {
        var admin = app.Client();
        var priya = await admin.UserIdAsync(Priya);
        var farhan = await admin.UserIdAsync(Farhan);
        var lakshmi = await admin.UserIdAsync("lakshmi.iyer@jlnb.in");
        var pan = $"{new string(Enumerable.Range(0, 5).Select(_ => (char)('A' + Random.Shared.Next(26))).ToArray())}4321Z";
        var client = (await admin.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId }"), "createClient",
            new { name = $"Nested {pan}", pan, assignedRmId = priya }))["client"]!.Long("databaseId");
        var raise = Mutation("createServiceRequest", "CreateServiceRequestInput", "serviceRequest { databaseId }");
        var his = (await admin.MutateAsync(raise, "createServiceRequest",
            new { clientId = client, type = "KYC_UPDATE", details = "His", assignedUserId = farhan }))["serviceRequest"]!.Long("databaseId");
        await admin.MutateAsync(raise, "createServiceRequest",
            new { clientId = client, type = "KYC_UPDATE", details = "A colleague's", assignedUserId = lakshmi });

        const string nested = """
            query($id: Long!) { clients(first: 1, where: { databaseId: { eq: $id } }) { edges { node {
              serviceRequests(first: 100) { totalCount edges { node { databaseId } } } } } } }
            """;
        static long[] Nested(JsonNode data) => Ids(data["clients"]!["edges"]![0]!["node"]!["serviceRequests"]!);
        Assert.Equal(2, Nested(await admin.DataAsync(nested, new { id = client })).Length);
        Assert.Equal([his], Nested(await app.ClientAs(Farhan).DataAsync(nested, new { id = client })));

        // For every client each reader sees, the nested list is exactly what the root list shows them for that client.
        foreach (var reader in new[] { Priya, Farhan })
        {
            var api = app.ClientAs(reader);
            var page = await api.DataAsync("""
                { clients(first: 30, order: [{ name: DESC }]) { edges { node { databaseId
                  serviceRequests(first: 100) { totalCount edges { node { databaseId } } } } } } }
                """);
            foreach (var edge in page["clients"]!["edges"]!.AsArray())
            {
                var id = edge!["node"]!.Long("databaseId");
                var root = await api.DataAsync("""
                    query($id: Long!) { serviceRequests(first: 100, where: { clientId: { eq: $id } }, order: [{ createdAt: DESC }]) {
                      totalCount edges { node { databaseId } } } }
                    """, new { id });
                var list = edge["node"]!["serviceRequests"]!;
                Assert.Equal(Ids(root["serviceRequests"]!).Order(), Ids(list).Order());
                Assert.Equal(root["serviceRequests"]!["totalCount"]!.GetValue<int>(), list["totalCount"]!.GetValue<int>());
            }
        }

        // Farhan reaches Priya's client only through his request: under User.clients it is listed, with its PAN masked.
        var rm = await app.ClientAs(Farhan).DataAsync("""
            query($id: Long!) { users(where: { databaseId: { eq: $id } }) { edges { node {
              clients(first: 100, where: { name: { startsWith: "Nested " } }) { edges { node { databaseId pan } } } } } } }
            """, new { id = priya });
        var seen = rm["users"]!["edges"]![0]!["node"]!["clients"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        var mine = Assert.Single(seen, c => c.Long("databaseId") == client);
        Assert.Equal(pan[..5] + "****" + pan[9], mine.Str("pan"));
    }

    [Fact]
    public async Task A_nested_page_is_under_the_same_size_rule_and_refuses_a_foreign_cursor()
    {
        var api = app.Client();
        var tooLarge = await api.SendAsync("{ clients(first: 2) { edges { node { interactions(first: 101) { totalCount } } } } }");
        Assert.Contains("PAGE_SIZE_EXCEEDED", GraphClient.ErrorCodes(tooLarge));
        var rootCursor = (await api.DataAsync("{ clients(first: 1, order: [{ name: ASC }]) { pageInfo { endCursor } } }"))
            ["clients"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        var foreign = await api.SendAsync("""
            query($after: String) { clients(first: 2) { edges { node { interactions(first: 2, after: $after) { totalCount } } } } }
            """, new { after = rootCursor });
        Assert.Contains("INVALID_CURSOR", GraphClient.ErrorCodes(foreign));
    }

    private static string ToEnumName(InteractionType type) =>
        string.Concat(type.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}

public sealed class PostgresNestedConnectionTests(PostgresGraphApp app) : NestedConnectionTests<PostgresGraphApp>(app);
public sealed class SqliteNestedConnectionTests(SqliteGraphApp app) : NestedConnectionTests<SqliteGraphApp>(app);

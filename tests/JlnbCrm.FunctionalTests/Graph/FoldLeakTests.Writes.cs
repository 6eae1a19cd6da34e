using System.Text.Json.Nodes;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// The other speed changes attacked: a service request's client joined into the queue's statement (SeenWithRow), the
/// search function's LIKE patterns and hidden clients, audit rows written in one INSERT without RETURNING.
/// </summary>
public abstract partial class FoldLeakTests<TApp>
{
    /// <summary>A queue page with or without its client (joined into the page's statement when selected).</summary>
    private static string Requests(bool withClient) => $$"""
        { serviceRequests(first: 100, order: [{ databaseId: ASC }]) { totalCount edges { node {
          databaseId clientId {{(withClient ? "client { databaseId pan }" : "")}} } } } }
        """;

    [Theory]
    [InlineData(Farhan, true)]
    [InlineData(Meera, true)]
    [InlineData(Priya, false)]
    public async Task A_request_joined_to_its_client_is_never_lost_and_shows_it_as_seen(string email, bool desk)
    {
        var client = app.ClientAs(email);
        var bare = (await client.DataAsync(Requests(withClient: false)))["serviceRequests"]!;
        var joined = (await client.DataAsync(Requests(withClient: true)))["serviceRequests"]!;
        var ids = bare["edges"]!.AsArray().Select(e => e!["node"]!.Long("databaseId")).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(bare["totalCount"]!.GetValue<int>(), joined["totalCount"]!.GetValue<int>());
        Assert.Equal(ids, joined["edges"]!.AsArray().Select(e => e!["node"]!.Long("databaseId")));
        foreach (var node in joined["edges"]!.AsArray().Select(e => e!["node"]!))
        {
            Assert.Equal(node.Long("clientId"), node["client"]!.Long("databaseId"));
            var seen = (await client.DataAsync("""
                query($id: Long!) { clients(first: 1, where: { databaseId: { eq: $id } }) { edges { node { pan } } } }
                """, new { id = node.Long("clientId") }))["clients"]!["edges"]![0]!["node"]!;
            Assert.Equal(seen["pan"]!.GetValue<string>(), node["client"]!["pan"]!.GetValue<string>());
            // Desk staff are never a client's RM or RM head: they see every PAN masked.
            if (desk) Assert.Contains("*", node["client"]!["pan"]!.GetValue<string>());
        }
    }

    private const string Search = """
        query($term: String) { clients(first: 10, search: $term, order: [{ name: ASC }]) {
          totalCount edges { node { databaseId } } pageInfo { hasNextPage } } }
        """;

    [Fact]
    public async Task Search_takes_like_metacharacters_literally_and_counts_no_hidden_client()
    {
        var admin = app.Client();
        // Letters only: four digits in a term would also search mobile numbers.
        var prefix = "Zq" + new string([.. Guid.NewGuid().ToString("N").Take(8).Select(c => (char)('a' + c % 16))]);
        var create = Operations.Mutation("createClient", "CreateClientInput", "client { databaseId }");
        async Task<long> ClientAsync(string name, string rm) => (await admin.MutateAsync(create, "createClient",
            new { name, pan = Databases.TestData.NewPan(), assignedRmId = await admin.UserIdAsync(rm) }))["client"]!
            .Long("databaseId");
        var mine = await ClientAsync($"{prefix} Fifty% Off_x%", Priya);
        var hidden = await ClientAsync($"{prefix} Fifty% Off_x% Hidden", Amit);
        var priya = app.ClientAs(Priya);
        async Task<long[]> FoundAsync(GraphClient who, string term)
        {
            var page = (await who.DataAsync(Search, new { term }))["clients"]!;
            var found = page["edges"]!.AsArray().Select(e => e!["node"]!.Long("databaseId")).ToArray();
            Assert.Equal(found.Length, page["totalCount"]!.GetValue<int>());
            Assert.False(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            return found;
        }
        Assert.Equal([mine, hidden], (await FoundAsync(admin, $"{prefix} Fifty%")).Order());
        Assert.Equal([mine], await FoundAsync(priya, $"{prefix} Fifty%"));
        Assert.Equal([mine], await FoundAsync(priya, $"{prefix.ToLowerInvariant()} fifty% off_x"));
        Assert.Equal([mine], await FoundAsync(priya, prefix));
        // Unescaped, "_" and "%" would match any character: "Fifty_" and "Fifty%%" must match nothing here.
        Assert.Empty(await FoundAsync(priya, $"{prefix} Fifty_"));
        Assert.Empty(await FoundAsync(priya, $"{prefix}%Off"));
        Assert.Empty(await FoundAsync(priya, $"{prefix} Fifty\\%"));
        // A trailing backslash is a character too: left unescaped it would escape the closing "%" (and match a name
        // ending "Off_x%").
        Assert.Empty(await FoundAsync(priya, $"{prefix} Fifty\\"));
        Assert.Empty(await FoundAsync(priya, $"{prefix} Fifty% Off_x\\"));
        Assert.Empty(await FoundAsync(priya, $"{prefix} Fifty% Off_x% Hidden"));
        Assert.Equal([hidden], await FoundAsync(admin, $"{prefix} Fifty% Off_x% Hidden"));
    }

    private const string History = """
        query($id: Long!) { interactions(first: 1, where: { databaseId: { eq: $id } }) { edges { node {
          history { totalCount items { userId action entity entityId } }
          crossSellLeads { items { databaseId history { totalCount items { userId action entity entityId } } } } } } } }
        """;

    [Fact]
    public async Task An_audited_write_for_another_is_audited_as_its_actor_and_a_refused_one_leaves_no_row()
    {
        var admin = app.Client();
        var (priya, rohan) = (await admin.UserIdAsync(Priya), await admin.UserIdAsync(Rohan));
        var where = new { assignedRmId = new { eq = priya } };
        var clientId = (await admin.FirstAsync("clients", "ClientFilterInput", where)).Long("databaseId");
        var log = Operations.Mutation("logInteraction", "LogInteractionInput", "interaction { databaseId }");
        var products = new[]
        {
            await admin.ProductIdAsync("Term Life Cover"), await admin.ProductIdAsync("JLNB Liquid Fund"),
        };
        // Rohan logs a review Priya had: the rows are Priya's, the audit trail's author is Rohan, one row a record.
        var logged = await app.ClientAs(Rohan).MutateAsync(log, "logInteraction", new
        {
            clientId, type = "PORTFOLIO_REVIEW", details = "Review for Priya", userId = priya,
            crossSellProductIds = products,
        });
        var id = logged["interaction"]!.Long("databaseId");
        var node = (await admin.DataAsync(History, new { id }))["interactions"]!["edges"]![0]!["node"]!;
        var entry = Assert.Single(node["history"]!["items"]!.AsArray())!;
        Assert.Equal((rohan, "INSERT", "interactions", id),
            (entry.Long("userId"), entry["action"]!.GetValue<string>(), entry["entity"]!.GetValue<string>(),
                entry.Long("entityId")));
        var leads = node["crossSellLeads"]!["items"]!.AsArray();
        Assert.Equal(2, leads.Count);
        foreach (var lead in leads)
        {
            var leadEntry = Assert.Single(lead!["history"]!["items"]!.AsArray())!;
            Assert.Equal((rohan, "leads", lead.Long("databaseId")),
                (leadEntry.Long("userId"), leadEntry["entity"]!.GetValue<string>(), leadEntry.Long("entityId")));
        }
        // A review refused for an unknown product after a good one leaves neither the interaction nor any audit row.
        const string count = """
            query($id: Long!) { clients(first: 1, where: { databaseId: { eq: $id } }) { edges { node {
              interactions(where: {}) { totalCount } history { totalCount } } } } }
            """;
        var before = (await admin.DataAsync(count, new { id = clientId })).ToJsonString();
        var refused = await app.ClientAs(Rohan).RefusedAsync(log, "logInteraction", new
        {
            clientId, type = "PORTFOLIO_REVIEW", details = "Refused review", userId = priya,
            crossSellProductIds = new[] { products[0], long.MaxValue },
        });
        Assert.NotEmpty(refused);
        Assert.Equal(before, (await admin.DataAsync(count, new { id = clientId })).ToJsonString());
        var audit = await admin.DataAsync("""
            { auditLog(first: 5, order: [{ databaseId: DESC }]) { items { entityId entity } } }
            """);
        Assert.DoesNotContain(audit["auditLog"]!["items"]!.AsArray(),
            a => a!["entity"]!.GetValue<string>() == "interactions" && a.Long("entityId") > id);
    }
}

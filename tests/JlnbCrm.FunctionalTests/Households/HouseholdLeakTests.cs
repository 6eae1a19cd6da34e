using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Households;

/// <summary>
/// An RM of another team trying every other path to a household member he may not see: the household's sort and
/// filter on its head, its cursors, a search or member filter on the hidden member's name or PAN, the roll-up lists,
/// a client filter through the household, aliases and batches. A family split between Priya (the head, with
/// holdings and work) and Amit (one member) must show Amit only his member, whatever the path (docs/access.md,
/// Households). SQLite has no row security, so there these tests prove the EF filters alone.
/// </summary>
public abstract class HouseholdLeakTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Priya = "priya.nair@jlnb.in", Amit = "amit.verma@jlnb.in";
    private static readonly string CreateClient = Mutation("createClient", "CreateClientInput", "client { databaseId }");
    private static readonly string Create = Mutation("createHousehold", "CreateHouseholdInput", "household { id databaseId }");
    private static readonly string Add = Mutation("addHouseholdMember", "AddHouseholdMemberInput", "household { databaseId }");

    /// <summary>
    /// Priya's head "Aaron" (who sorts before Amit's own head "Mohan" by name, birth date, review date and creation), her work on
    /// him, and Amit's member "Zubin".
    /// </summary>
    private sealed record Family(string Tag, string HeadName, string HeadPan, long HeadId, long Split, string SplitId,
        long Own, long AmitsMember);

    private async Task<Family> SplitFamilyAsync()
    {
        var tag = $"Hl{Guid.NewGuid():N}"[..10];
        var priya = app.ClientAs(Priya);
        var amit = app.ClientAs(Amit);
        var headName = $"Aaron {tag}";
        var headPan = TestData.NewPan();
        var head = (await priya.MutateAsync(CreateClient, "createClient", new
        {
            name = headName, pan = headPan, dateOfBirth = "1970-01-01", reviewFrequency = "QUARTERLY", nextReviewOn = "2026-01-01",
        }))["client"]!.Long("databaseId");
        await priya.MutateAsync(Mutation("addClientProduct", "AddClientProductInput", "__typename"), "addClientProduct",
            new { clientId = head, productId = await priya.ProductIdAsync("JLNB Liquid Fund") });
        await priya.MutateAsync(Mutation("logInteraction", "LogInteractionInput", "__typename"), "logInteraction",
            new { clientId = head, type = "NEW_BUSINESS", details = $"Private call {tag}" });
        await priya.MutateAsync(Mutation("openClientQuery", "OpenClientQueryInput", "__typename"), "openClientQuery",
            new { clientId = head, details = $"Private query {tag}" });
        await priya.MutateAsync(Mutation("recordKyc", "RecordKycInput", "__typename"), "recordKyc",
            new { clientId = head, status = "ON_HOLD" }); // raises an open KYC Update request on the head
        var split = (await priya.MutateAsync(Create, "createHousehold", new { name = $"{tag} Split Family", headClientId = head }))
            ["household"]!;

        var member = (await amit.MutateAsync(CreateClient, "createClient", new { name = $"Zubin {tag}", pan = TestData.NewPan() }))
            ["client"]!.Long("databaseId");
        await app.Client().MutateAsync(Add, "addHouseholdMember", new { householdId = split.Long("databaseId"), clientId = member });
        var ownHead = (await amit.MutateAsync(CreateClient, "createClient", new
        {
            name = $"Mohan {tag}", pan = TestData.NewPan(), dateOfBirth = "1985-01-01", reviewFrequency = "QUARTERLY",
            nextReviewOn = "2026-06-01",
        }))
            ["client"]!.Long("databaseId");
        var own = (await amit.MutateAsync(Create, "createHousehold", new { name = $"{tag} Own Family", headClientId = ownHead }))
            ["household"]!.Long("databaseId");
        return new Family(tag, headName, headPan, head, split.Long("databaseId"), split.Str("id")!, own, member);
    }

    private static IEnumerable<JsonNode> Edges(JsonNode connection) => connection["edges"]!.AsArray().Select(e => e!);

    private static long[] Ids(JsonNode connection) => Edges(connection).Select(e => e["node"]!.Long("databaseId")).ToArray();

    private static string Decoded(string cursor) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));

    [Fact]
    public async Task Sorting_households_by_a_hidden_head_orders_them_as_headless_and_no_cursor_holds_the_head()
    {
        var family = await SplitFamilyAsync();
        var amit = app.ClientAs(Amit);
        foreach (var field in new[] { "name", "pan", "dateOfBirth", "nextReviewOn", "kycStatus", "createdAt" })
        {
            var page = (await amit.DataAsync($$"""
                query($t: String) { households(first: 10, where: { name: { startsWith: $t } },
                    order: [{ headClient: { {{field}}: ASC } }]) { totalCount edges { cursor node { databaseId } } } }
                """, new { t = family.Tag }))["households"]!;
            // The head he does not see sorts as a null, last; "Aaron" would otherwise come before "Mohan".
            Assert.Equal([family.Own, family.Split], Ids(page));
            Assert.Equal(2, page["totalCount"]!.GetValue<int>());
            // Its cursor holds a null for the head's value, not the value (nor the masked PAN, nor the KYC state).
            var cursor = JsonNode.Parse(Decoded(Edges(page).Single(e => e["node"]!.Long("databaseId") == family.Split).Str("cursor")!))!;
            Assert.Null(cursor["K"]![0]);
        }

        // Nor does a cursor forged with a guess of the head's name answer whether the guess is before or after it:
        // his household comes after every guess alike, as one without a head.
        var own = Edges((await amit.DataAsync("""
            query($t: String) { households(first: 1, where: { name: { startsWith: $t } }, order: [{ headClient: { name: ASC } }])
              { edges { cursor } } }
            """, new { t = family.Tag }))["households"]!).Single().Str("cursor")!;
        foreach (var guess in new[] { "A", family.HeadName, "Ab", "Zz" })
        {
            var forged = JsonNode.Parse(Decoded(own))!;
            forged["K"] = new JsonArray(guess, "0");
            var after = (await amit.DataAsync("""
                query($t: String, $after: String) { households(first: 10, after: $after, where: { name: { startsWith: $t } },
                  order: [{ headClient: { name: ASC } }]) { edges { node { databaseId } } } }
                """, new { t = family.Tag, after = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forged.ToJsonString())) }));
            Assert.Contains(family.Split, Ids(after["households"]!));
        }
    }

    [Fact]
    public async Task A_filter_or_search_on_a_hidden_member_finds_no_household_and_no_client()
    {
        var family = await SplitFamilyAsync();
        var amit = app.ClientAs(Amit);
        var data = await amit.DataAsync("""
            query($name: String, $pan: String, $tag: String) {
              byHeadName: households(first: 10, where: { headClient: { name: { eq: $name } } }) { totalCount }
              byHeadPan: households(first: 10, where: { headClient: { pan: { eq: $pan } } }) { totalCount }
              byHeadKyc: households(first: 10, where: { name: { startsWith: $tag },
                headClient: { kycStatus: { eq: ON_HOLD } } }) { totalCount }
              byMemberName: households(first: 10, where: { members: { some: { name: { eq: $name } } } }) { totalCount }
              byMemberPan: households(first: 10, where: { members: { some: { pan: { startsWith: $pan } } } }) { totalCount }
              byMemberWork: households(first: 10, where: { name: { startsWith: $tag },
                members: { some: { queries: { some: { status: { eq: OPEN } } } } } }) { totalCount }
              withoutHeadsHoldings: households(first: 10, where: { name: { startsWith: $tag },
                members: { all: { products: { any: false } } } }) { totalCount }
              search: households(first: 10, search: $name) { totalCount }
              clientsOfIt: clients(first: 10, where: { household: { headClient: { name: { eq: $name } } } }) { totalCount }
              headOf: clients(first: 10, where: { headOf: { some: { name: { startsWith: $tag } } } }) { edges { node { name } } }
            }
            """, new { name = family.HeadName, pan = family.HeadPan, tag = family.Tag });
        foreach (var path in new[] { "byHeadName", "byHeadPan", "byHeadKyc", "byMemberName", "byMemberPan", "byMemberWork", "search",
                     "clientsOfIt" })
            Assert.True(data[path]!["totalCount"]!.GetValue<int>() == 0, $"{path} found the hidden head");
        // Both households pass "no member holds anything": the head's holding is not his to see.
        Assert.Equal(2, data["withoutHeadsHoldings"]!["totalCount"]!.GetValue<int>());
        Assert.Equal([$"Mohan {family.Tag}"], Edges(data["headOf"]!).Select(e => e["node"]!.Str("name")!).ToArray());
    }

    [Fact]
    public async Task The_roll_up_through_a_list_a_node_an_alias_a_batch_and_a_members_client_shows_only_his_member()
    {
        var family = await SplitFamilyAsync();
        var amit = app.ClientAs(Amit);
        const string RollUp = """
            headClientId headClient { name } members { databaseId } holdings { clientId }
            interactions(first: 100) { clientId } openQueries { clientId } openServiceRequests { clientId }
            """;
        var data = await amit.DataAsync($$"""
            query($t: String, $id: ID!, $m: Long) {
              households(first: 10, where: { name: { startsWith: $t } }) { edges { node { databaseId {{RollUp}} } } }
              again: node(id: $id) { ... on Household { databaseId {{RollUp}} } }
              nodes(ids: [$id]) { ... on Household { databaseId {{RollUp}} } }
              clients(first: 1, where: { databaseId: { eq: $m } }) { edges { node { household { databaseId {{RollUp}} } } } }
            }
            """, new { t = family.Tag, id = family.SplitId, m = family.AmitsMember });
        var seen = Edges(data["households"]!).Select(e => e["node"]!)
            .Append(data["again"]!).Append(data["nodes"]![0]!)
            .Append(Edges(data["clients"]!).Single()["node"]!["household"]!)
            .Where(h => h.Long("databaseId") == family.Split).ToList();
        Assert.Equal(4, seen.Count);
        foreach (var household in seen)
        {
            Assert.Null(household["headClient"]);
            Assert.Equal([family.AmitsMember], household["members"]!.AsArray().Select(m => m!.Long("databaseId")).ToArray());
            foreach (var list in new[] { "holdings", "interactions", "openQueries", "openServiceRequests" })
                Assert.All(household[list]!.AsArray(), row => Assert.Equal(family.AmitsMember, row!.Long("clientId")));
        }

        // The same in a batch: each of its operations reads as the caller.
        var batch = await amit.Http.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new object[]
        {
            new { query = "query($id: ID!) { node(id: $id) { ... on Household { members { databaseId } "
                    + "openServiceRequests { clientId } } } }",
                variables = new { id = family.SplitId } },
            new { query = "query($h: Long) { clients(first: 10, where: { householdId: { eq: $h } }) { totalCount } }",
                variables = new { h = family.Split } },
        }));
        var answers = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal([family.AmitsMember],
            answers[0]!["data"]!["node"]!["members"]!.AsArray().Select(m => m!.Long("databaseId")).ToArray());
        Assert.Empty(answers[0]!["data"]!["node"]!["openServiceRequests"]!.AsArray());
        Assert.Equal(1, answers[1]!["data"]!["clients"]!["totalCount"]!.GetValue<int>());
    }
}

public sealed class PostgresHouseholdLeakTests(PostgresGraphApp app) : HouseholdLeakTests<PostgresGraphApp>(app);
public sealed class SqliteHouseholdLeakTests(SqliteGraphApp app) : HouseholdLeakTests<SqliteGraphApp>(app);

using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Households;

/// <summary>
/// Households over GraphQL: an RM groups their clients, the roll-up sums the members' holdings and work, clients filter
/// by household; a family split between RMs shows each viewer only their part; and nobody outside reaches a household
/// through a lookup, a search, a filter on clients or a nested field.
/// </summary>
public abstract class HouseholdTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Priya = "priya.nair@jlnb.in", Amit = "amit.verma@jlnb.in", Rohan = "rohan.mehta@jlnb.in";
    private static readonly string Create = Mutation("createHousehold", "CreateHouseholdInput", "household { id databaseId name }");
    private static readonly string Add = Mutation("addHouseholdMember", "AddHouseholdMemberInput", "household { databaseId }");
    private static readonly string Remove = Mutation("removeHouseholdMember", "RemoveHouseholdMemberInput", "household { databaseId }");
    private static readonly string Rename = Mutation("renameHousehold", "RenameHouseholdInput", "household { name version }");

    private const string RollUp = """
        query($id: ID!) { node(id: $id) { ... on Household { name headClient { name } members { name }
          holdings { client { name } product { name } } openServiceRequests { client { name } } } } }
        """;

    [Fact]
    public async Task An_RM_groups_their_clients_and_the_household_rolls_up_their_holdings_and_work()
    {
        var priya = app.ClientAs(Priya);
        var head = await NewClientAsync(priya, "Anil Kapoor");
        var spouse = await NewClientAsync(priya, "Sunita Kapoor");
        var fund = await app.Client().ProductIdAsync("JLNB Liquid Fund");
        await priya.MutateAsync(Mutation("addClientProduct", "AddClientProductInput", "__typename"), "addClientProduct",
            new { clientId = spouse, productId = fund });

        var household = (await priya.MutateAsync(Create, "createHousehold", new { name = "Kapoor Family", headClientId = head }))["household"]!;
        await priya.MutateAsync(Add, "addHouseholdMember", new { householdId = household.Long("databaseId"), clientId = spouse });

        var read = (await priya.DataAsync(RollUp, new { id = household.Str("id") }))["node"]!;
        Assert.Equal("Anil Kapoor", read["headClient"]!.Str("name"));
        Assert.Equal(["Anil Kapoor", "Sunita Kapoor"], Names(read["members"]!));
        Assert.Equal("Sunita Kapoor|JLNB Liquid Fund",
            string.Join(",", read["holdings"]!.AsArray().Select(h => $"{h!["client"]!.Str("name")}|{h["product"]!.Str("name")}")));

        // Her head sees it too (the team's clients); clients filter and households search find it.
        var rohan = app.ClientAs(Rohan);
        Assert.Equal(["Anil Kapoor", "Sunita Kapoor"], await MembersByFilterAsync(rohan, household.Long("databaseId")));
        Assert.Contains("Kapoor Family", await SearchAsync(rohan, "kapoor fam"));

        // The head leaves last.
        var refused = await priya.RefusedAsync(Remove, "removeHouseholdMember", new { clientId = head });
        Assert.Equal(("ILLEGAL_TRANSITION", "clientId"), refused.Single());
        await priya.MutateAsync(Remove, "removeHouseholdMember", new { clientId = spouse });
        var emptied = await priya.MutateAsync(Remove, "removeHouseholdMember", new { clientId = head });
        Assert.Null(emptied["household"]);
        Assert.DoesNotContain("Kapoor Family", await SearchAsync(priya, "Kapoor Family"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_code_and_the_field()
    {
        var priya = app.ClientAs(Priya);
        var head = await NewClientAsync(priya, "Blank Name Head");
        Assert.Equal(("REQUIRED", "name"),
            (await priya.RefusedAsync(Create, "createHousehold", new { name = "  ", headClientId = head })).Single());
        var household = (await priya.MutateAsync(Create, "createHousehold", new { name = "Mehra Family", headClientId = head }))["household"]!;
        Assert.Equal(("DUPLICATE", "headClientId"),
            (await priya.RefusedAsync(Create, "createHousehold", new { name = "Again", headClientId = head })).Single());
        Assert.Equal(("DUPLICATE", "clientId"),
            (await priya.RefusedAsync(Add, "addHouseholdMember", new { householdId = household.Long("databaseId"), clientId = head })).Single());
        Assert.Equal(("NOT_FOUND", "clientId"),
            (await priya.RefusedAsync(Add, "addHouseholdMember", new { householdId = household.Long("databaseId"), clientId = 987654321 })).Single());
    }

    [Fact]
    public async Task A_family_split_between_teams_shows_each_RM_only_their_part_and_outsiders_nothing()
    {
        var priya = app.ClientAs(Priya);
        var amit = app.ClientAs(Amit);
        var head = await NewClientAsync(priya, "Rajesh Iyengar");
        var fund = await app.Client().ProductIdAsync("JLNB Liquid Fund");
        await priya.MutateAsync(Mutation("addClientProduct", "AddClientProductInput", "__typename"), "addClientProduct",
            new { clientId = head, productId = fund });
        var household = (await priya.MutateAsync(Create, "createHousehold", new { name = "Iyengar Family", headClientId = head }))["household"]!;
        var id = household.Long("databaseId");

        // Amit (another team's junior) does not see it: not by id, search, a filter on clients, or a client's nested field.
        Assert.Null((await amit.DataAsync(RollUp, new { id = household.Str("id") }))["node"]);
        Assert.DoesNotContain("Iyengar Family", await SearchAsync(amit, "Iyengar"));
        Assert.Empty(await MembersByFilterAsync(amit, id));
        var throughNames = await amit.DataAsync("""
            { clients(first: 50, where: { household: { name: { eq: "Iyengar Family" } } }) { edges { node { name } } }
              households(first: 50, where: { members: { some: { name: { eq: "Rajesh Iyengar" } } } }) { edges { node { name } } } }
            """);
        Assert.Empty(throughNames["clients"]!["edges"]!.AsArray());
        Assert.Empty(throughNames["households"]!["edges"]!.AsArray());
        // Nor may he put his own client into it.
        var amitsClient = await NewClientAsync(amit, "Kiran Iyengar");
        Assert.Equal("NOT_FOUND", (await amit.RefusedAsync(Add, "addHouseholdMember", new { householdId = id, clientId = amitsClient })).Single().Code);

        // The admin joins Amit's client to the family: now Amit sees the household, but only his member and its work;
        // the head (Priya's) is null for him, its holdings are left out, and he may not rename it (the head's right).
        await app.Client().MutateAsync(Add, "addHouseholdMember", new { householdId = id, clientId = amitsClient });
        var seen = (await amit.DataAsync(RollUp, new { id = household.Str("id") }))["node"]!;
        Assert.Equal("Iyengar Family", seen.Str("name"));
        Assert.Null(seen["headClient"]);
        Assert.Equal(["Kiran Iyengar"], Names(seen["members"]!));
        Assert.Empty(seen["holdings"]!.AsArray());
        Assert.Equal(["Kiran Iyengar"], await MembersByFilterAsync(amit, id));
        var rename = await amit.RefusedAsync(Rename, "renameHousehold", new { id, version = 0, name = "Ours now" });
        Assert.Equal("NOT_FOUND", rename.Single().Code);
        // Priya still sees only her member; the head cannot leave while Amit's client remains.
        Assert.Equal(["Rajesh Iyengar"], Names((await priya.DataAsync(RollUp, new { id = household.Str("id") }))["node"]!["members"]!));
        var stays = await priya.RefusedAsync(Remove, "removeHouseholdMember", new { clientId = head });
        Assert.Equal("IN_USE", stays.Single().Code); // the foreign key of the member she does not see
        Assert.Contains("Iyengar Family", await SearchAsync(app.Client(), "Iyengar Family"));
    }

    private static string[] Names(JsonNode list) => list.AsArray().Select(n => n!.Str("name")!).ToArray();

    private static async Task<long> NewClientAsync(GraphClient client, string name) =>
        (await client.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId }"), "createClient",
            new { name, pan = TestData.NewPan() }))["client"]!.Long("databaseId");

    private static async Task<string[]> MembersByFilterAsync(GraphClient client, long household) =>
        (await client.DataAsync("query($h: Long) { clients(first: 50, where: { householdId: { eq: $h } }) { edges { node { name } } } }",
            new { h = household }))["clients"]!["edges"]!.AsArray().Select(e => e!["node"]!.Str("name")!).ToArray();

    private static async Task<string[]> SearchAsync(GraphClient client, string term) =>
        (await client.DataAsync("query($s: String) { households(first: 50, search: $s) { edges { node { name } } } }", new { s = term }))
        ["households"]!["edges"]!.AsArray().Select(e => e!["node"]!.Str("name")!).ToArray();
}

public sealed class PostgresHouseholdTests(PostgresGraphApp app) : HouseholdTests<PostgresGraphApp>(app);
public sealed class SqliteHouseholdTests(SqliteGraphApp app) : HouseholdTests<SqliteGraphApp>(app);

using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Kyc;

/// <summary>
/// KYC status over GraphQL: the RM records what the KRA shows; On Hold or Rejected raises one KYC Update request on
/// the operations desk (not another while it is open); heads list their team's clients by status; nobody outside the
/// client's team records it; bad input is refused with a code and the field.
/// </summary>
public abstract class KycTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Priya = "priya.nair@jlnb.in", Amit = "amit.verma@jlnb.in", Rohan = "rohan.mehta@jlnb.in";
    private static readonly string Record = Mutation("recordKyc", "RecordKycInput",
        "client { kycStatus kycCheckedOn kycCheckedBy { email } }");

    private const string KycRequests = """
        query($id: Long) { clients(first: 1, where: { databaseId: { eq: $id } }) { edges { node {
          serviceRequests(first: 50) { edges { node { type status desk { name } } } } } } } }
        """;

    [Fact]
    public async Task Recording_On_Hold_raises_one_KYC_Update_request_and_a_second_edit_raises_none()
    {
        var priya = app.ClientAs(Priya);
        var client = await NewClientAsync(priya, "Meera Kulkarni");

        var validated = (await priya.MutateAsync(Record, "recordKyc",
            new { clientId = client, status = "VALIDATED", checkedOn = "2026-11-20" }))["client"]!;
        Assert.Equal("VALIDATED", validated.Str("kycStatus"));
        Assert.Equal("2026-11-20", validated.Str("kycCheckedOn"));
        Assert.Equal(Priya, validated["kycCheckedBy"]!.Str("email"));
        Assert.Empty(await KycUpdatesAsync(priya, client));

        await priya.MutateAsync(Record, "recordKyc", new { clientId = client, status = "ON_HOLD" });
        var raised = await KycUpdatesAsync(priya, client);
        Assert.Equal("PENDING", Assert.Single(raised)!.Str("status"));

        // Edited again while the request is open (On Hold again, then Rejected): still that one request.
        await priya.MutateAsync(Record, "recordKyc", new { clientId = client, status = "ON_HOLD" });
        var rejected = (await priya.MutateAsync(Record, "recordKyc", new { clientId = client, status = "REJECTED" }))["client"]!;
        Assert.Equal("REJECTED", rejected.Str("kycStatus"));
        Assert.Single(await KycUpdatesAsync(priya, client));

        // Every recording is in the client's audited history, with who recorded it.
        var history = (await priya.DataAsync("query($id: Long) { clients(first: 1, where: { databaseId: { eq: $id } }) " +
            "{ edges { node { history(first: 100) { edges { node { changes user { email } } } } } } } }", new { id = client }))
            ["clients"]!["edges"]![0]!["node"]!["history"]!["edges"]!.AsArray().Select(e => e!["node"])
            .Where(h => h!.Str("changes")!.Contains("kyc_status")).ToArray();
        Assert.Equal(4, history.Length); // created Not checked; Validated, On Hold, Rejected (the repeat changed nothing)
        Assert.All(history, h => Assert.Equal(Priya, h!["user"]!.Str("email")));
    }

    [Fact]
    public async Task A_head_lists_the_teams_clients_by_KYC_status()
    {
        var priya = app.ClientAs(Priya);
        var onHold = await NewClientAsync(priya, "Kyc Filter OnHold");
        var validated = await NewClientAsync(priya, "Kyc Filter Validated");
        await priya.MutateAsync(Record, "recordKyc", new { clientId = onHold, status = "ON_HOLD" });
        await priya.MutateAsync(Record, "recordKyc", new { clientId = validated, status = "VALIDATED" });

        var rohan = app.ClientAs(Rohan);
        Assert.Equal(["Kyc Filter OnHold"], await ByStatusAsync(rohan, "ON_HOLD"));
        Assert.Equal(["Kyc Filter Validated"], await ByStatusAsync(rohan, "VALIDATED"));
        // Amit, in another team, lists none of them.
        Assert.Empty(await ByStatusAsync(app.ClientAs(Amit), "ON_HOLD"));
    }

    [Fact]
    public async Task A_junior_RM_of_another_team_cannot_record_KYC_and_bad_input_is_refused()
    {
        var priya = app.ClientAs(Priya);
        var client = await NewClientAsync(priya, "Kyc Refusals");
        var amit = app.ClientAs(Amit);
        // Another team's client is not his to see, so not his to record KYC for.
        Assert.Equal(("NOT_FOUND", "clientId"),
            (await amit.RefusedAsync(Record, "recordKyc", new { clientId = client, status = "ON_HOLD" })).Single());
        Assert.Empty(await KycUpdatesAsync(priya, client));

        Assert.Equal(("INVALID", "checkedOn"), (await priya.RefusedAsync(Record, "recordKyc",
            new { clientId = client, status = "VALIDATED", checkedOn = "2999-01-01" })).Single());
        Assert.Equal(("INVALID", "status"), (await priya.RefusedAsync(Record, "recordKyc",
            new { clientId = client, status = "NOT_CHECKED" })).Single());
        var read = await priya.DataAsync("query($id: Long) { clients(first: 1, where: { databaseId: { eq: $id } }) " +
            "{ edges { node { kycStatus kycCheckedOn } } } }", new { id = client });
        Assert.Equal("NOT_CHECKED", read["clients"]!["edges"]![0]!["node"]!.Str("kycStatus"));
    }

    private static async Task<long> NewClientAsync(GraphClient client, string name) =>
        (await client.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId }"), "createClient",
            new { name, pan = TestData.NewPan() }))["client"]!.Long("databaseId");

    private static async Task<JsonNode?[]> KycUpdatesAsync(GraphClient client, long id) =>
        (await client.DataAsync(KycRequests, new { id }))["clients"]!["edges"]![0]!["node"]!["serviceRequests"]!["edges"]!
            .AsArray().Select(e => e!["node"]).Where(n => n!.Str("type") == "KYC_UPDATE").ToArray();

    private static async Task<string[]> ByStatusAsync(GraphClient client, string status) =>
        (await client.DataAsync("""
            query($s: KycStatus) { clients(first: 50, where: { kycStatus: { eq: $s }, name: { startsWith: "Kyc Filter" } }) {
              edges { node { name } } } }
            """, new { s = status }))["clients"]!["edges"]!.AsArray().Select(e => e!["node"]!.Str("name")!).ToArray();
}

public sealed class PostgresKycTests(PostgresGraphApp app) : KycTests<PostgresGraphApp>(app);
public sealed class SqliteKycTests(SqliteGraphApp app) : KycTests<SqliteGraphApp>(app);

using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Kyc;

/// <summary>
/// The KYC Update request is raised once (KycRegister reads open requests past the row filters), so that read must
/// never decide on, or hint at, a request the recorder cannot see. It cannot: whoever may record KYC may edit the
/// client and so sees every request on it, also after the client moved to another RM (the request's stored owner
/// follows). And the KYC state itself reaches nobody outside the client's sight, by filter, order or count.
/// </summary>
public abstract class KycLeakTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Priya = "priya.nair@jlnb.in", Vikram = "vikram.singh@jlnb.in", Rohan = "rohan.mehta@jlnb.in";
    private const string Amit = "amit.verma@jlnb.in";
    private static readonly string Record = Mutation("recordKyc", "RecordKycInput", "client { kycStatus version }");

    private static async Task<int> OpenKycRequestsAsync(GraphClient reader, long client) =>
        (await reader.DataAsync("""
            query($c: Long) { serviceRequests(where: { clientId: { eq: $c }, type: { eq: KYC_UPDATE },
              status: { in: [PENDING, IN_PROGRESS] } }) { totalCount } }
            """, new { c = client }))["serviceRequests"]!["totalCount"]!.GetValue<int>();

    [Fact]
    public async Task The_request_that_stops_a_second_one_is_one_the_new_RM_sees_and_the_state_reaches_no_outsider()
    {
        var priya = app.ClientAs(Priya);
        var client = (await priya.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId }"), "createClient",
            new { name = "Kyc Moved Client", pan = TestData.NewPan() }))["client"]!.Long("databaseId");
        await priya.MutateAsync(Record, "recordKyc", new { clientId = client, status = "ON_HOLD" });
        Assert.Equal(1, await OpenKycRequestsAsync(priya, client));

        // Her head gives the client to Vikram, who finds the KRA now rejects it: no second request, and the open one
        // that stopped it is on his list (it followed the client).
        var rohan = app.ClientAs(Rohan);
        var version = (await rohan.FirstAsync("clients", "ClientFilterInput", new { databaseId = new { eq = client } })).Long("version");
        await rohan.MutateAsync(Mutation("assignClientRm", "AssignClientRmInput", "__typename"), "assignClientRm",
            new { id = client, version, rmId = await rohan.UserIdAsync(Vikram) });
        var vikram = app.ClientAs(Vikram);
        await vikram.MutateAsync(Record, "recordKyc", new { clientId = client, status = "REJECTED" });
        Assert.Equal(1, await OpenKycRequestsAsync(vikram, client));
        Assert.Equal(1, await OpenKycRequestsAsync(app.Client(), client)); // and there is no other, unseen

        // Priya (who no longer has the client) and Amit (another team) reach neither the state nor the request.
        foreach (var outsider in new[] { priya, app.ClientAs(Amit) })
        {
            Assert.Equal("NOT_FOUND", (await outsider.RefusedAsync(Record, "recordKyc", new { clientId = client, status = "VALIDATED" }))
                .Single().Code);
            var data = await outsider.DataAsync("""
                query($c: Long) {
                  byState: clients(where: { databaseId: { eq: $c }, kycStatus: { eq: REJECTED } }) { totalCount }
                  ordered: clients(first: 1, where: { databaseId: { eq: $c } }, order: [{ kycStatus: DESC }]) { totalCount }
                  counted: clientsAggregate(where: { databaseId: { eq: $c } }, groupBy: [KYC_STATUS]) { count }
                  throughWork: serviceRequests(where: { client: { kycStatus: { eq: REJECTED } }, clientId: { eq: $c } }) { totalCount }
                }
                """, new { c = client });
            foreach (var path in new[] { "byState", "ordered", "throughWork" })
                Assert.Equal(0, data[path]!["totalCount"]!.GetValue<int>());
            Assert.Empty(data["counted"]!.AsArray());
            Assert.Equal(0, await OpenKycRequestsAsync(outsider, client));
        }
    }
}

public sealed class PostgresKycLeakTests(PostgresGraphApp app) : KycLeakTests<PostgresGraphApp>(app);
public sealed class SqliteKycLeakTests(SqliteGraphApp app) : KycLeakTests<SqliteGraphApp>(app);

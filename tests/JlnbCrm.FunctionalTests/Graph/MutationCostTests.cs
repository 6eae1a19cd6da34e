using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Databases;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// The two mutations RMs run all day cost a fixed, small number of round trips (bench f1/f2): no re-read of a user
/// or product the request already holds, and a save's audit rows go in as one statement that returns nothing. The
/// numbers are pinned so that a new read or a second save shows up here, with the statements in the message.
/// </summary>
public abstract class MutationCostTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Priya = "priya.nair@jlnb.in";

    private const string Log = """
        mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { databaseId } errors { code message } } }
        """;

    private const string Convert = """
        mutation($input: ConvertLeadInput!) { convertLead(input: $input) { client { databaseId } errors { code message } } }
        """;

    private bool Postgres => app.Db.Store.Provider == JlnbCrm.Database.CrmProvider.Postgres;

    /// <summary>The round trips (PostgreSQL) or statements (SQLite) of one mutation, after a warm-up request.</summary>
    private async Task<(int Cost, JsonNode Payload)> CostAsync(GraphClient client, string mutation, string field, object input)
    {
        await client.DataAsync("{ roles { name } }");
        app.Commands.Reset();
        var payload = await client.MutateAsync(mutation, field, input);
        return (Postgres ? app.Commands.RoundTrips : app.Commands.Count, payload);
    }

    [Fact]
    public async Task Logging_a_portfolio_review_costs_five_round_trips_on_postgres_and_four_statements_on_sqlite()
    {
        var priya = app.ClientAs(Priya);
        var clientId = (await priya.FirstAsync("clients", "ClientFilterInput", new { })).Long("databaseId");
        // Read the client, begin, write the review and the moved review date, write both audit rows, commit.
        var (cost, payload) = await CostAsync(priya, Log, "logInteraction", new { clientId, type = "PORTFOLIO_REVIEW", details = "Annual review." });
        Assert.True(cost <= (Postgres ? 5 : 4), $"{cost}:\n{app.Commands.Texts}");
        var id = payload["interaction"]!.Long("databaseId");
        await AssertAuditedAsync("interactions", id, "INSERT");
    }

    [Fact]
    public async Task Converting_a_reference_into_a_new_client_costs_ten_round_trips_on_postgres_and_eight_statements_on_sqlite()
    {
        var priya = app.ClientAs(Priya);
        var lead = (await priya.MutateAsync(Mutation("createLead", "CreateLeadInput", "lead { databaseId version }"), "createLead", new
        {
            prospectName = "Cost Probe", mobile = "+91 9811100001", addAnyway = true, modeOfCommunication = "CALL",
            productId = await priya.ProductIdAsync("Focused Growth PMS"), refObtainedById = await priya.UserIdAsync(Priya),
        }))["lead"]!;
        // Begin, read the reference (with its people and product) and any client with the PAN, write the client, its
        // holding and their audit rows, then the new-business interaction and the converted reference, their
        // notification and audit rows, commit.
        var (cost, payload) = await CostAsync(priya, Convert, "convertLead",
            new { id = lead.Long("databaseId"), version = lead.Long("version"), pan = TestData.NewPan() });
        Assert.True(cost <= (Postgres ? 10 : 8), $"{cost}:\n{app.Commands.Texts}");
        await AssertAuditedAsync("clients", payload["client"]!.Long("databaseId"), "INSERT");
        await AssertAuditedAsync("leads", lead.Long("databaseId"), "UPDATE");
    }

    /// <summary>The mutation's audit row is in the trail, read by an admin as the audit log shows it.</summary>
    private async Task AssertAuditedAsync(string entity, long id, string action)
    {
        var data = await app.Client().DataAsync("""
            query($e: String, $id: Long) { auditLog(first: 5, where: { entity: { eq: $e }, entityId: { eq: $id } }) {
              edges { node { action user { email } } } } }
            """, new { e = entity, id });
        Assert.Contains(data["auditLog"]!["edges"]!.AsArray(),
            e => e!["node"]!.Str("action") == action && e["node"]!["user"]!.Str("email") == Priya);
    }
}

public sealed class PostgresMutationCostTests(PostgresGraphApp app) : MutationCostTests<PostgresGraphApp>(app);
public sealed class SqliteMutationCostTests(SqliteGraphApp app) : MutationCostTests<SqliteGraphApp>(app);

using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Databases;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// Deletes over GraphQL (who may delete is the operation matrix's job): a reason is required and kept in the audit
/// trail with the deleted row's values; a delete that would orphan data or lose a client's history is IN_USE.
/// </summary>
public abstract class DeleteTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Head = "rohan.mehta@jlnb.in", Priya = "priya.nair@jlnb.in";
    private GraphClient Admin => app.Client();

    [Fact]
    public async Task A_head_deletes_a_reference_and_the_audit_entry_keeps_the_reason_and_the_rows_values()
    {
        var lead = await LeadAsync();
        var payload = await app.ClientAs(Head).MutateAsync(Mutation("deleteLead", "DeleteLeadInput", "deletedId deletedDatabaseId"),
            "deleteLead", new { id = lead.Long("databaseId"), version = lead.Long("version"), reason = "Duplicate of an earlier reference" });
        Assert.Equal(lead.Str("id"), payload.Str("deletedId"));
        Assert.Null((await Admin.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = lead.Str("id") }))["node"]);

        var entry = await DeleteEntryAsync("leads", lead.Long("databaseId"));
        Assert.Equal(await Admin.UserIdAsync(Head), entry.Long("userId"));
        var changes = JsonNode.Parse(entry.Str("changes")!)!;
        Assert.Equal("Duplicate of an earlier reference", changes["reason"]!["new"]!.GetValue<string>());
        Assert.Equal("Delete Test Prospect", changes["prospect_name"]!["old"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_delete_without_a_reason_is_refused_beside_the_reason_and_deletes_nothing(string? reason)
    {
        var lead = await LeadAsync();
        var errors = await app.ClientAs(Head).RefusedAsync(Mutation("deleteLead", "DeleteLeadInput", "deletedId"), "deleteLead",
            new { id = lead.Long("databaseId"), version = lead.Long("version"), reason });
        Assert.Equal(("REQUIRED", "reason"), errors.Single());
        Assert.NotNull((await Admin.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = lead.Str("id") }))["node"]);
    }

    [Fact]
    public async Task A_delete_of_a_record_changed_since_it_was_read_is_a_conflict()
    {
        var lead = await LeadAsync();
        var errors = await app.ClientAs(Head).RefusedAsync(Mutation("deleteLead", "DeleteLeadInput", "deletedId"), "deleteLead",
            new { id = lead.Long("databaseId"), version = lead.Long("version") + 1, reason = "Stale" });
        Assert.Equal(("CONFLICT", "version"), errors.Single());
    }

    [Fact]
    public async Task An_admin_deletes_a_client_without_history_with_its_holdings_but_not_one_with_history()
    {
        var client = await ClientAsync();
        var id = client.Long("databaseId");
        await Admin.MutateAsync(Mutation("addClientProduct", "AddClientProductInput", "__typename"), "addClientProduct",
            new { clientId = id, productId = await Admin.ProductIdAsync("JLNB Liquid Fund") });
        var withHistory = await ClientAsync();
        await Admin.MutateAsync(Mutation("logInteraction", "LogInteractionInput", "__typename"), "logInteraction",
            new { clientId = withHistory.Long("databaseId"), type = "PORTFOLIO_REVIEW", details = "Quarterly review" });

        var refused = await Admin.RefusedAsync(Mutation("deleteClient", "DeleteClientInput", "deletedId"), "deleteClient",
            new { id = withHistory.Long("databaseId"), version = withHistory.Long("version"), reason = "Not needed" });
        Assert.Equal("IN_USE", refused.Single().Code);
        Assert.Contains("interactions", refused[0]!["message"]!.GetValue<string>());

        var current = (await Admin.DataAsync("query($id: ID!) { node(id: $id) { ... on Client { version } } }", new { id = client.Str("id") }))["node"]!;
        await Admin.MutateAsync(Mutation("deleteClient", "DeleteClientInput", "deletedId"), "deleteClient",
            new { id, version = current.Long("version"), reason = "Created by mistake" });
        Assert.Null((await Admin.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = client.Str("id") }))["node"]);
        // The holding went with it, audited as deleted.
        var holdings = await Admin.DataAsync("{ auditLog(first: 100, where: { entity: { eq: \"client_products\" }, action: { eq: DELETE } }) "
            + "{ edges { node { changes } } } }");
        Assert.Contains(holdings["auditLog"]!["edges"]!.AsArray(),
            e => JsonNode.Parse(e!["node"]!.Str("changes")!)!["client_id"]!["old"]!.GetValue<long>() == id);
    }

    [Fact]
    public async Task Deletes_that_would_orphan_data_are_refused_as_in_use()
    {
        var head = app.ClientAs(Head);
        var priya = await Admin.UserIdAsync(Priya);
        // A converted reference is where its client came from.
        var lead = await LeadAsync();
        var converted = (await Admin.MutateAsync(Mutation("convertLead", "ConvertLeadInput", "lead { version }"), "convertLead",
            new { id = lead.Long("databaseId"), version = lead.Long("version"), pan = TestData.NewPan() }))["lead"]!;
        await ExpectInUseAsync(head, "deleteLead", "DeleteLeadInput", lead.Long("databaseId"), converted.Long("version"));

        // A portfolio review whose cross-sell references remain.
        var client = await ClientAsync();
        var review = (await Admin.MutateAsync(Mutation("logInteraction", "LogInteractionInput", "interaction { databaseId version }"),
            "logInteraction", new { clientId = client.Long("databaseId"), type = "PORTFOLIO_REVIEW", details = "Review", userId = priya,
                crossSellProductIds = new[] { await Admin.ProductIdAsync("JLNB Liquid Fund") } }))["interaction"]!;
        await ExpectInUseAsync(head, "deleteInteraction", "DeleteInteractionInput", review.Long("databaseId"), review.Long("version"));

        // A resolved query, whose Query Resolution interaction names it.
        var query = (await Admin.MutateAsync(Mutation("openClientQuery", "OpenClientQueryInput", "clientQuery { databaseId version }"),
            "openClientQuery", new { clientId = client.Long("databaseId"), details = "Statement missing", assignedRmId = priya }))["clientQuery"]!;
        var resolved = (await Admin.MutateAsync(Mutation("resolveClientQuery", "ResolveClientQueryInput", "clientQuery { version }"),
            "resolveClientQuery", new { id = query.Long("databaseId"), version = query.Long("version"), resolution = "Re-sent" }))["clientQuery"]!;
        await ExpectInUseAsync(head, "deleteClientQuery", "DeleteClientQueryInput", query.Long("databaseId"), resolved.Long("version"));
    }

    private static async Task ExpectInUseAsync(GraphClient actor, string field, string inputType, long id, long version)
    {
        var errors = await actor.RefusedAsync(Mutation(field, inputType, "deletedId"), field, new { id, version, reason = "Tidy up" });
        Assert.Equal(("IN_USE", "id"), errors.Single());
    }

    private async Task<JsonNode> LeadAsync() => (await Admin.MutateAsync(
        Mutation("createLead", "CreateLeadInput", "lead { id databaseId version }"), "createLead",
        new { prospectName = "Delete Test Prospect", modeOfCommunication = "CALL", productId = await Admin.ProductIdAsync("JLNB Liquid Fund"),
            mobile = "9820011111", addAnyway = true, refObtainedById = await Admin.UserIdAsync(Priya) }))["lead"]!;

    private async Task<JsonNode> ClientAsync() => (await Admin.MutateAsync(
        Mutation("createClient", "CreateClientInput", "client { id databaseId version }"), "createClient",
        new { name = "Delete Test Client", pan = TestData.NewPan(), mobile = "9820044444", assignedRmId = await Admin.UserIdAsync(Priya) }))["client"]!;

    private async Task<JsonNode> DeleteEntryAsync(string table, long id) =>
        (await Admin.DataAsync("query($table: String!, $id: Long!) { auditLog(first: 1, where: { entity: { eq: $table }, "
            + "entityId: { eq: $id }, action: { eq: DELETE } }) { edges { node { userId changes } } } }", new { table, id }))
        ["auditLog"]!["edges"]![0]!["node"]!;
}

public sealed class PostgresDeleteTests(PostgresGraphApp app) : DeleteTests<PostgresGraphApp>(app);
public sealed class SqliteDeleteTests(SqliteGraphApp app) : DeleteTests<SqliteGraphApp>(app);

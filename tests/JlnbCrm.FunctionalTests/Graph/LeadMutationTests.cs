using JlnbCrm.FunctionalTests.Databases;
using Microsoft.EntityFrameworkCore;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

public abstract class LeadMutationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string LeadFields = "lead { databaseId version status prospectName mobile pan denialReason conversionRm { email } refObtainedBy { email } product { name } }";
    private static readonly string Create = Mutation("createLead", "CreateLeadInput", LeadFields);
    private static readonly string Update = Mutation("updateLead", "UpdateLeadInput", LeadFields);
    private static readonly string ToWip = Mutation("moveLeadToWip", "MoveLeadToWipInput", LeadFields);
    private static readonly string Deny = Mutation("denyLead", "DenyLeadInput", LeadFields);
    private static readonly string AssignRm = Mutation("assignConversionRm", "AssignConversionRmInput", LeadFields);
    private static readonly string Convert = Mutation("convertLead", "ConvertLeadInput",
        "lead { status convertedClientId } createdClient client { databaseId name pan assignedRm { email } sourceLeadId products { items { product { name } } } interactions(first: 1) { items { type details user { email } } } }");

    private async Task<(long Id, long Version)> NewLeadAsync(GraphClient client, string? pan = null, string product = "Focused Growth PMS")
    {
        var lead = (await client.MutateAsync(Create, "createLead", new
        {
            prospectName = "Meera Iyer", mobile = "+91 9811122233", pan, addAnyway = true, modeOfCommunication = "WHATS_APP",
            productId = await client.ProductIdAsync(product), refGivenBy = "Sunil Iyer (client)",
            refObtainedById = await client.UserIdAsync("priya.nair@jlnb.in"),
        }))["lead"]!;
        return (lead.Long("databaseId"), lead.Long("version"));
    }

    [Fact]
    public async Task A_new_reference_starts_New_and_edits_keep_unsent_fields()
    {
        var client = app.Client();
        var (id, version) = await NewLeadAsync(client);
        var updated = (await client.MutateAsync(Update, "updateLead", new { id, version, prospectName = "Meera S. Iyer" }))["lead"]!;
        Assert.Equal(("NEW", "Meera S. Iyer", "+91 9811122233", "priya.nair@jlnb.in", "Focused Growth PMS"),
            (updated.Str("status"), updated.Str("prospectName"), updated.Str("mobile"), updated["refObtainedBy"]!.Str("email"), updated["product"]!.Str("name")));
    }

    [Fact]
    public async Task A_reference_needs_a_way_to_reach_the_prospect_and_a_product_on_sale()
    {
        var client = app.Client();
        var product = await client.ProductIdAsync("JLNB Liquid Fund");
        var priya = await client.UserIdAsync("priya.nair@jlnb.in");
        var noContact = await client.RefusedAsync(Create, "createLead", new { prospectName = "Nobody", modeOfCommunication = "CALL", productId = product, refObtainedById = priya });
        Assert.Equal(("REQUIRED", "mobile"), noContact.Single());
        var unknown = await client.RefusedAsync(Create, "createLead", new { prospectName = "X", mobile = "+91 9811122233", modeOfCommunication = "CALL", productId = 424242, refObtainedById = priya });
        Assert.Equal(("NOT_FOUND", "productId"), unknown.Single());
    }

    [Fact]
    public async Task Wip_then_deny_needs_a_reason_and_a_denied_reference_cannot_convert()
    {
        var client = app.Client();
        var (id, version) = await NewLeadAsync(client);
        var wip = (await client.MutateAsync(ToWip, "moveLeadToWip", new { id, version }))["lead"]!;
        Assert.Equal("WIP", wip.Str("status"));
        Assert.Equal(("ILLEGAL_TRANSITION", "status"), (await client.RefusedAsync(ToWip, "moveLeadToWip", new { id, version = version + 1 })).Single());
        Assert.Equal(("REQUIRED", "reason"), (await client.RefusedAsync(Deny, "denyLead", new { id, version = version + 1, reason = " " })).Single());
        var denied = (await client.MutateAsync(Deny, "denyLead", new { id, version = version + 1, reason = "Invests through a cousin." }))["lead"]!;
        Assert.Equal(("DENIED", "Invests through a cousin."), (denied.Str("status"), denied.Str("denialReason")));
        var refused = await client.RefusedAsync(Convert, "convertLead", new { id, version = version + 2, pan = TestData.NewPan() });
        Assert.Equal(("ILLEGAL_TRANSITION", "status"), refused.Single());
    }

    [Fact]
    public async Task Converting_creates_the_client_adds_the_product_and_logs_new_business_in_one_go()
    {
        var client = app.Client();
        var (id, version) = await NewLeadAsync(client);
        var rahul = await client.UserIdAsync("vikram.singh@jlnb.in");
        var assigned = (await client.MutateAsync(AssignRm, "assignConversionRm", new { id, version, rmId = rahul }))["lead"]!;
        Assert.Equal("vikram.singh@jlnb.in", assigned["conversionRm"]!.Str("email"));

        var pan = TestData.NewPan();
        var result = await client.MutateAsync(Convert, "convertLead", new { id, version = version + 1, pan, accountId = $"JL-{pan}", notes = "Signed PMS agreement." });
        var created = result["client"]!;
        Assert.True(result["createdClient"]!.GetValue<bool>());
        Assert.Equal(("CONVERTED", created.Long("databaseId")), (result["lead"]!.Str("status"), result["lead"]!.Long("convertedClientId")));
        Assert.Equal(("Meera Iyer", pan, "vikram.singh@jlnb.in", id), (created.Str("name"), created.Str("pan"), created["assignedRm"]!.Str("email"), created.Long("sourceLeadId")));
        Assert.Equal(["Focused Growth PMS"], created["products"]!["items"]!.AsArray().Select(p => p!["product"]!.Str("name")));
        var interaction = created["interactions"]!["items"]![0]!;
        Assert.Equal(("NEW_BUSINESS", "Signed PMS agreement."), (interaction.Str("type"), interaction.Str("details")));
    }

    [Fact]
    public async Task Converting_a_prospect_whose_pan_is_already_a_client_links_that_client()
    {
        var client = app.Client();
        var existing = await client.FirstAsync("clients", "ClientFilterInput", new { products = new { none = new { product = new { name = new { eq = "India Opportunities AIF" } } } } }, "databaseId pan products { items { product { name } } }");
        var (id, version) = await NewLeadAsync(client, existing.Str("pan"), "India Opportunities AIF");
        var result = await client.MutateAsync(Convert, "convertLead", new { id, version });
        Assert.False(result["createdClient"]!.GetValue<bool>());
        Assert.Equal(existing.Long("databaseId"), result["client"]!.Long("databaseId"));
        Assert.Contains("India Opportunities AIF", result["client"]!["products"]!["items"]!.AsArray().Select(p => p!["product"]!.Str("name")));
    }

    [Fact]
    public async Task A_conversion_that_fails_creates_nothing()
    {
        var client = app.Client();
        var (id, version) = await NewLeadAsync(client);
        await using var db = app.Db.Open();
        var clientsBefore = await db.Clients.CountAsync();
        Assert.Equal(("REQUIRED", "pan"), (await client.RefusedAsync(Convert, "convertLead", new { id, version })).Single());
        Assert.Equal(("INVALID_PAN", "pan"), (await client.RefusedAsync(Convert, "convertLead", new { id, version, pan = "NOTAPAN" })).Single());
        Assert.Equal(clientsBefore, await db.Clients.CountAsync());
        Assert.Equal(Leads.LeadStatus.New, (await db.Leads.SingleAsync(l => l.Id == id)).Status);
    }
}

public sealed class PostgresLeadMutationTests(PostgresGraphApp app) : LeadMutationTests<PostgresGraphApp>(app);
public sealed class SqliteLeadMutationTests(SqliteGraphApp app) : LeadMutationTests<SqliteGraphApp>(app);

using JlnbCrm.FunctionalTests.Databases;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>At intake a reference matching a client or an open reference by PAN or mobile needs "add anyway".</summary>
public abstract class LeadDuplicateTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private static readonly string Create = Mutation("createLead", "CreateLeadInput", "lead { databaseId }");
    private static int _mobiles;

    /// <summary>A ten-digit mobile no demo record has (demo mobiles are random; this range is the tests' own).</summary>
    private static string NewMobile() => $"70{Random.Shared.Next(100, 999)}{Interlocked.Increment(ref _mobiles):D5}";

    private static async Task<object> InputAsync(GraphClient client, string? mobile, string? pan = null, bool? addAnyway = null) => new
    {
        prospectName = "Duplicate Check", mobile, email = mobile is null ? "d@example.in" : null, pan, addAnyway,
        modeOfCommunication = "CALL", productId = await client.ProductIdAsync("JLNB Liquid Fund"),
    };

    [Fact]
    public async Task A_pan_that_a_client_has_is_flagged_with_the_client_and_add_anyway_adds_it()
    {
        var admin = app.Client();
        var pan = TestData.NewPan();
        var client = (await admin.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId }"), "createClient",
            new { name = "Existing Holder", pan, mobile = NewMobile(), assignedRmId = await admin.UserIdAsync("priya.nair@jlnb.in") }))["client"]!;

        var errors = await admin.RefusedAsync(Create, "createLead", await InputAsync(admin, null, pan));
        Assert.Equal(("POSSIBLE_DUPLICATE", "pan"), errors.Single());
        Assert.Contains($"Existing Holder (id {client.Long("databaseId")})", errors[0]!.Str("message"));

        var added = await admin.MutateAsync(Create, "createLead", await InputAsync(admin, null, pan, addAnyway: true));
        Assert.True(added["lead"]!.Long("databaseId") > 0);
    }

    [Fact]
    public async Task A_mobile_of_an_open_reference_matches_whatever_its_spacing()
    {
        var admin = app.Client();
        var mobile = NewMobile();
        var first = (await admin.MutateAsync(Create, "createLead", await InputAsync(admin, mobile)))["lead"]!.Long("databaseId");
        var spaced = $"+91 {mobile[..5]} {mobile[5..]}";
        var errors = await admin.RefusedAsync(Create, "createLead", await InputAsync(admin, spaced));
        Assert.Equal(("POSSIBLE_DUPLICATE", "mobile"), errors.Single());
        Assert.Contains($"(id {first})", errors[0]!.Str("message"));
        await admin.MutateAsync(Create, "createLead", await InputAsync(admin, spaced, addAnyway: true));
    }

    [Fact]
    public async Task A_closed_reference_is_no_duplicate()
    {
        var admin = app.Client();
        var mobile = NewMobile();
        var lead = (await admin.MutateAsync(Mutation("createLead", "CreateLeadInput", "lead { databaseId version }"), "createLead",
            await InputAsync(admin, mobile)))["lead"]!;
        await admin.MutateAsync(Mutation("denyLead", "DenyLeadInput", "lead { status }"), "denyLead",
            new { id = lead.Long("databaseId"), version = lead.Long("version"), reason = "Wrong number." });
        await admin.MutateAsync(Create, "createLead", await InputAsync(admin, mobile));
    }

    /// <summary>
    /// A junior cannot see a colleague's reference, so its existence must not leak through the check: the junior's
    /// reference is added without naming (or hinting at) it, while the admin, who sees it, is warned.
    /// </summary>
    [Fact]
    public async Task A_match_the_caller_may_not_see_is_not_revealed()
    {
        var admin = app.Client();
        var mobile = NewMobile();
        var hidden = (await admin.MutateAsync(Create, "createLead", new
        {
            prospectName = "Priya's Prospect", mobile, modeOfCommunication = "CALL",
            productId = await admin.ProductIdAsync("JLNB Liquid Fund"), refObtainedById = await admin.UserIdAsync("priya.nair@jlnb.in"),
        }))["lead"]!.Long("databaseId");

        var junior = app.ClientAs("vikram.singh@jlnb.in");
        var response = await junior.DataAsync(Create, new { input = await InputAsync(junior, mobile) });
        Assert.Empty(response["createLead"]!["errors"]!.AsArray());
        Assert.DoesNotContain($"{hidden}", response["createLead"]!["errors"]!.ToJsonString());

        var warned = await admin.RefusedAsync(Create, "createLead", await InputAsync(admin, mobile));
        Assert.Contains(warned, e => e!.Str("code") == "POSSIBLE_DUPLICATE" && e!.Str("message")!.Contains($"(id {hidden})"));
    }
}

public sealed class PostgresLeadDuplicateTests(PostgresGraphApp app) : LeadDuplicateTests<PostgresGraphApp>(app);
public sealed class SqliteLeadDuplicateTests(SqliteGraphApp app) : LeadDuplicateTests<SqliteGraphApp>(app);

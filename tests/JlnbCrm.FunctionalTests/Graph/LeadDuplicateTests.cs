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

    private const string HiddenEnd = "a client or reference you cannot see; ask your head or an admin.";

    /// <summary>Priya's reference, which Vikram (a junior of the same team) may not see; returns its id.</summary>
    private async Task<long> PriyasLeadAsync(string name, string? mobile, string? pan)
    {
        var admin = app.Client();
        return (await admin.MutateAsync(Create, "createLead", new
        {
            prospectName = name, mobile, email = mobile is null ? "h@example.in" : null, pan, modeOfCommunication = "CALL",
            productId = await admin.ProductIdAsync("JLNB Liquid Fund"), refObtainedById = await admin.UserIdAsync("priya.nair@jlnb.in"),
        }))["lead"]!.Long("databaseId");
    }

    /// <summary>
    /// A junior cannot see a colleague's reference: the match is still flagged (two RMs must not chase one prospect
    /// unawares), but the answer carries nothing of the record — no id, name or RM, not even client vs reference.
    /// "Add anyway" still adds it; the admin, who sees the match, gets it named and linked.
    /// </summary>
    [Fact]
    public async Task A_match_the_caller_may_not_see_is_flagged_without_any_of_its_data()
    {
        var mobile = NewMobile();
        var pan = TestData.NewPan();
        var name = $"Hidden Prospect {Guid.NewGuid():N}";
        var hidden = await PriyasLeadAsync(name, mobile, pan);

        var junior = app.ClientAs("vikram.singh@jlnb.in");
        var input = await InputAsync(junior, $"+91 {mobile[..5]} {mobile[5..]}", pan);
        var response = await junior.DataAsync(Create, new { input });
        var errors = response["createLead"]!["errors"]!.AsArray();
        Assert.Equal(new[] { ("POSSIBLE_DUPLICATE", "pan"), ("POSSIBLE_DUPLICATE", "mobile") },
            errors.Select(e => (e!.Str("code")!, e!.Str("field")!)).Order().Reverse().ToArray());
        Assert.All(errors, e => Assert.EndsWith(HiddenEnd, e!.Str("message")));
        var text = response.ToJsonString();
        foreach (var leak in new[] { $"{hidden}", name, "Priya", "(id " })
            Assert.DoesNotContain(leak, text);
        Assert.Null(response["createLead"]!["lead"]);

        await junior.MutateAsync(Create, "createLead", await InputAsync(junior, mobile, pan, addAnyway: true));

        var warned = await app.Client().RefusedAsync(Create, "createLead", await InputAsync(app.Client(), mobile));
        Assert.Contains(warned, e => e!.Str("message")!.Contains($"{name} (id {hidden})"));
    }

    /// <summary>Each hidden flag is in the audit trail with who checked which value, so probing is visible to admins.</summary>
    [Fact]
    public async Task Every_hidden_match_is_audited_with_who_checked_which_value()
    {
        var mobile = NewMobile();
        await PriyasLeadAsync("Audited Prospect", mobile, null);
        var junior = app.ClientAs("amit.verma@jlnb.in");
        await junior.RefusedAsync(Create, "createLead", await InputAsync(junior, $"0{mobile}"));

        var log = (await app.Client().DataAsync("""
            query($u: Long) { auditLog(first: 10, where: { action: { eq: HIDDEN_DUPLICATE }, userId: { eq: $u } },
              order: [{ databaseId: DESC }]) { items { entity entityId changes user { email } } } }
            """, new { u = await app.Client().UserIdAsync("amit.verma@jlnb.in") }))["auditLog"]!["items"]!.AsArray();
        var entry = Assert.Single(log, e => e!.Str("changes")!.Contains(mobile))!;
        Assert.Equal(("leads", 0L, "amit.verma@jlnb.in"), (entry.Str("entity"), entry.Long("entityId"), entry["user"]!.Str("email")));
        Assert.Contains("\"mobile\"", entry.Str("changes"));
    }

    /// <summary>
    /// Only the exact value is compared: a PAN must be whole (a prefix is INVALID_PAN before any lookup) and a mobile
    /// matches on all of its last ten digits, so the check cannot be walked character by character.
    /// </summary>
    [Fact]
    public async Task A_hidden_match_needs_the_exact_value_never_a_prefix()
    {
        var mobile = NewMobile();
        var pan = TestData.NewPan();
        await PriyasLeadAsync("Exact Prospect", mobile, pan);
        var junior = app.ClientAs("vikram.singh@jlnb.in");

        var prefix = await junior.RefusedAsync(Create, "createLead", await InputAsync(junior, null, pan[..5]));
        Assert.DoesNotContain(prefix, e => e!.Str("code") == "POSSIBLE_DUPLICATE");
        var otherLast = $"{mobile[..9]}{(mobile[9] == '0' ? '1' : '0')}";
        await junior.MutateAsync(Create, "createLead", await InputAsync(junior, otherLast));
        var partial = await junior.RefusedAsync(Create, "createLead", await InputAsync(junior, mobile[..8]));
        Assert.Equal(("INVALID", "mobile"), partial.Single());
        var otherPan = pan[..9] + (pan[9] == 'A' ? 'B' : 'A');
        await junior.MutateAsync(Create, "createLead", await InputAsync(junior, null, otherPan));

        Assert.Equal(("POSSIBLE_DUPLICATE", "mobile"),
            (await junior.RefusedAsync(Create, "createLead", await InputAsync(junior, mobile))).Single());
    }
}

public sealed class PostgresLeadDuplicateTests(PostgresGraphApp app) : LeadDuplicateTests<PostgresGraphApp>(app);
public sealed class SqliteLeadDuplicateTests(SqliteGraphApp app) : LeadDuplicateTests<SqliteGraphApp>(app);

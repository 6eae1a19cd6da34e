using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;
using JlnbCrm.ServiceLevels;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Consents;

/// <summary>
/// The DPDP consent register over HTTP: give and withdraw, marketing withdrawal taking the client out of every cross-sell
/// path (GraphQL lists, nested connections, aggregates, the references CSV, the client page, new cross-sells), the
/// statutory clock of data-principal requests, the export's contents and audit entry, and who may see any of it.
/// </summary>
public abstract class ConsentTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Priya = "priya.nair@jlnb.in", Amit = "amit.verma@jlnb.in", Farhan = "farhan.qureshi@jlnb.in";
    private const string ConsentFields = "consent { databaseId version id purpose isCurrent withdrawnAt givenBy { email } withdrawnBy { email } evidence }";
    private static readonly string Give = Mutation("giveConsent", "GiveConsentInput", ConsentFields);
    private static readonly string Withdraw = Mutation("withdrawConsent", "WithdrawConsentInput", ConsentFields);
    private static readonly string Export = Mutation("exportClientData", "ExportClientDataInput", "file { fileName contentType content }");
    private static readonly string CreateClient = Mutation("createClient", "CreateClientInput", "client { databaseId }");
    private static readonly string Log = Mutation("logInteraction", "LogInteractionInput",
        "interaction { databaseId } crossSellLeads { databaseId }");
    private static readonly string CreateRequest = Mutation("createServiceRequest", "CreateServiceRequestInput",
        "serviceRequest { databaseId type createdAt dueAt }");

    /// <summary>Two references on the three lists and the client's references; one review with cross-sells.</summary>
    private static readonly int[] Listed = [2, 2, 2, 2, 1], Hidden = [0, 0, 0, 0, 0];

    private static string NewPan() =>
        $"ZQXP{(char)('A' + Random.Shared.Next(26))}{Random.Shared.Next(1000, 9999)}{(char)('A' + Random.Shared.Next(26))}";

    private static async Task<long> NewClientAsync(GraphClient rm) =>
        (await rm.MutateAsync(CreateClient, "createClient", new { name = "Consent Subject", pan = NewPan(), mobile = "+91 9876543210" }))["client"]!.Long("databaseId");

    private async Task<JsonNode> GiveMarketingAsync(GraphClient rm, long clientId) =>
        (await rm.MutateAsync(Give, "giveConsent", new { clientId, purpose = "MARKETING", evidence = "Signed form 42" }))["consent"]!;

    /// <summary>How many cross-sell references of the client each path shows to this reader.</summary>
    private static async Task<int[]> CrossSellCountsAsync(GraphClient reader, long clientId, long reviewId)
    {
        var data = await reader.DataAsync("""
            query($c: Long, $r: Long) {
              leads(where: { refGivenByClientId: { eq: $c }, originInteractionId: { neq: null } }) { totalCount }
              leadsAggregate(where: { refGivenByClientId: { eq: $c } }) { count }
              interactions(where: { databaseId: { eq: $r } }) { edges { node { crossSellLeads { totalCount } } } }
              clients(where: { databaseId: { eq: $c } }) { edges { node { references { totalCount } } } }
              withLeads: interactions(where: { databaseId: { eq: $r }, crossSellLeads: { any: true } }) { totalCount }
            }
            """, new { c = clientId, r = reviewId });
        return
        [
            data["leads"]!["totalCount"]!.GetValue<int>(),
            data["leadsAggregate"]!.AsArray().Sum(g => g!["count"]!.GetValue<int>()),
            data["interactions"]!["edges"]![0]!["node"]!["crossSellLeads"]!["totalCount"]!.GetValue<int>(),
            data["clients"]!["edges"]![0]!["node"]!["references"]!["totalCount"]!.GetValue<int>(),
            data["withLeads"]!["totalCount"]!.GetValue<int>(),
        ];
    }

    private async Task<HttpClient> PagesAsync(string email)
    {
        var http = app.Browser();
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", email, DemoDirectory.Password, expectSuccess: true);
        return http;
    }

    [Fact]
    public async Task Withdrawing_marketing_consent_takes_the_client_out_of_every_cross_sell_path_until_given_again()
    {
        var priya = app.ClientAs(Priya);
        var clientId = await NewClientAsync(priya);
        var marketing = await GiveMarketingAsync(priya, clientId);
        Assert.True(marketing["isCurrent"]!.GetValue<bool>());
        Assert.Equal(Priya, marketing["givenBy"]!.Str("email"));
        var products = new[] { await priya.ProductIdAsync("Term Life Cover"), await priya.ProductIdAsync("RBI Floating Rate Bonds") };
        var logged = await priya.MutateAsync(Log, "logInteraction", new
        {
            clientId, type = "PORTFOLIO_REVIEW", details = "Annual review", crossSellProductIds = products,
        });
        var reviewId = logged["interaction"]!.Long("databaseId");
        var leadId = logged["crossSellLeads"]![0]!.Long("databaseId");
        var pages = await PagesAsync(Priya);
        Assert.Equal(Listed, await CrossSellCountsAsync(priya, clientId, reviewId));
        Assert.Contains($"\n{leadId},", await pages.GetStringAsync("/leads?handler=Export"));
        Assert.Contains("Cross-sell (Portfolio Review only)", await pages.GetStringAsync($"/clients/{clientId}"));

        var withdrawn = (await priya.MutateAsync(Withdraw, "withdrawConsent", new
        {
            id = marketing.Long("databaseId"), version = marketing.Long("version"), evidence = "Email of 3 Nov",
        }))["consent"]!;
        Assert.False(withdrawn["isCurrent"]!.GetValue<bool>());
        Assert.NotNull(withdrawn["withdrawnAt"]);

        // Every path, as the RM and as an admin: no cross-sell reference of this client remains.
        Assert.Equal(Hidden, await CrossSellCountsAsync(priya, clientId, reviewId));
        Assert.Equal(Hidden, await CrossSellCountsAsync(app.Client(), clientId, reviewId));
        var node = await priya.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = NodeId("Lead", leadId) });
        Assert.Null(node["node"]);
        Assert.DoesNotContain($"\n{leadId},", await pages.GetStringAsync("/leads?handler=Export"));
        var page = await pages.GetStringAsync($"/clients/{clientId}");
        Assert.DoesNotContain("Cross-sell (Portfolio Review only)", page);
        Assert.Contains("marketing-opt-out", page);
        var refused = await priya.RefusedAsync(Log, "logInteraction", new
        {
            clientId, type = "PORTFOLIO_REVIEW", details = "Another review", crossSellProductIds = products,
        });
        Assert.Equal(("CONSENT_WITHDRAWN", "crossSellProductIds"), refused.Single());
        // A second withdrawal of the same grant is refused; a new grant brings the references back.
        Assert.Equal("ILLEGAL_TRANSITION", (await priya.RefusedAsync(Withdraw, "withdrawConsent", new
        {
            id = withdrawn.Long("databaseId"), version = withdrawn.Long("version"), evidence = "again",
        })).Single().Code);
        await GiveMarketingAsync(priya, clientId);
        Assert.Equal(Listed, await CrossSellCountsAsync(priya, clientId, reviewId));
    }

    [Fact]
    public async Task Consent_input_is_checked_with_codes_and_fields()
    {
        var priya = app.ClientAs(Priya);
        var clientId = await NewClientAsync(priya);
        await GiveMarketingAsync(priya, clientId);
        Assert.Equal(("DUPLICATE", "purpose"), (await priya.RefusedAsync(Give, "giveConsent",
            new { clientId, purpose = "MARKETING", evidence = "twice" })).Single());
        Assert.Equal(("REQUIRED", "evidence"), (await priya.RefusedAsync(Give, "giveConsent",
            new { clientId, purpose = "SERVICE_COMMUNICATION", evidence = " " })).Single());
        Assert.Equal(("INVALID", "givenAt"), (await priya.RefusedAsync(Give, "giveConsent",
            new { clientId, purpose = "SERVICE_COMMUNICATION", evidence = "form", givenAt = DateTime.UtcNow.AddDays(2) })).Single());
    }

    [Fact]
    public async Task A_data_principal_request_runs_on_the_statutory_clock_which_admins_set()
    {
        var priya = app.ClientAs(Priya);
        var clientId = await NewClientAsync(priya);
        var levels = (await priya.DataAsync("{ serviceLevels { subject workingDays } }"))["serviceLevels"]!.AsArray();
        Assert.Equal(ServiceLevel.MaxWorkingDays, levels.Single(l => l!.Str("subject") == "Data Access Request")!["workingDays"]!.GetValue<int>());
        var holidays = (await priya.DataAsync("{ holidays { date } }"))["holidays"]!.AsArray()
            .Select(h => DateOnly.Parse(h!.Str("date")!)).ToHashSet();
        foreach (var type in new[] { "DATA_ACCESS", "DATA_CORRECTION", "DATA_ERASURE" })
        {
            var request = (await priya.MutateAsync(CreateRequest, "createServiceRequest",
                new { clientId, type, details = "Client asks under the DPDP Act." }))["serviceRequest"]!;
            var created = request["createdAt"]!.GetValue<DateTime>().ToUniversalTime();
            Assert.Equal(WorkingCalendar.AddWorkingDays(created, ServiceLevel.MaxWorkingDays, holidays),
                request["dueAt"]!.GetValue<DateTime>().ToUniversalTime());
        }
    }

    [Fact]
    public async Task The_export_holds_what_the_reader_sees_and_is_recorded_in_the_clients_history()
    {
        var priya = app.ClientAs(Priya);
        var clientId = await NewClientAsync(priya);
        var pan = (await priya.DataAsync("query($id: Long) { clients(where: { databaseId: { eq: $id } }) { edges { node { pan } } } }",
            new { id = clientId }))["clients"]!["edges"]![0]!["node"]!.Str("pan")!;
        await GiveMarketingAsync(priya, clientId);
        await priya.MutateAsync(Log, "logInteraction", new { clientId, type = "NEW_BUSINESS", details = "Opened a folio" });
        // A request on the KYC desk's queue: Farhan reaches the client through it, masked.
        await priya.MutateAsync(CreateRequest, "createServiceRequest", new { clientId, type = "DATA_ACCESS", details = "Wants a copy." });

        var file = (await priya.MutateAsync(Export, "exportClientData", new { clientId, format = "JSON" }))["file"]!;
        Assert.Equal($"client-{clientId}.json", file.Str("fileName"));
        Assert.Equal("application/json", file.Str("contentType"));
        var json = JsonNode.Parse(file.Str("content")!)!;
        Assert.Equal(pan, json["client"]!.Str("pan"));
        Assert.Equal("Marketing", json["consents"]![0]!.Str("purpose"));
        Assert.Equal("Opened a folio", json["interactions"]![0]!.Str("details"));
        Assert.Equal("Data Access Request", json["serviceRequests"]![0]!.Str("type"));
        Assert.Contains(json["history"]!.AsArray(), h => h!.Str("record") == "consents");

        var csv = (await priya.MutateAsync(Export, "exportClientData", new { clientId, format = "CSV" }))["file"]!;
        Assert.Equal("text/csv", csv.Str("contentType"));
        var lines = csv.Str("content")!.Split("\r\n");
        Assert.Equal("section,record,field,value", lines[0]);
        Assert.Contains($"client,{clientId},pan,{pan}", lines);
        Assert.Contains(lines, l => l.StartsWith("consents,") && l.EndsWith(",purpose,Marketing"));

        var history = (await priya.DataAsync("query($id: Long) { clients(where: { databaseId: { eq: $id } }) { edges { node { history(first: 100) { edges { node { action user { email } changes } } } } } } }",
            new { id = clientId }))["clients"]!["edges"]![0]!["node"]!["history"]!["edges"]!.AsArray()
            .Select(e => e!["node"]).ToList();
        var exports = history.Where(h => h!.Str("action") == "DATA_EXPORT").ToList();
        Assert.Equal(2, exports.Count);
        Assert.All(exports, e => Assert.Equal(Priya, e!["user"]!.Str("email")));
        Assert.Contains("CSV", exports[0]!["changes"]!.ToJsonString());

        // The desk executive who reaches the client through the request sees it, and exports it, masked; may not record consent.
        var farhan = app.ClientAs(Farhan);
        var masked = JsonNode.Parse((await farhan.MutateAsync(Export, "exportClientData", new { clientId, format = "JSON" }))["file"]!
            .Str("content")!)!;
        Assert.Equal($"{pan[..5]}****{pan[^1]}", masked["client"]!.Str("pan"));
        Assert.Equal("Marketing", masked["consents"]![0]!.Str("purpose"));
        Assert.Equal(("AUTH_NOT_AUTHORIZED", "clientId"), (await farhan.RefusedAsync(Give, "giveConsent",
            new { clientId, purpose = "DATA_SHARING_WITH_PARTNERS", evidence = "form" })).Single());
    }

    [Fact]
    public async Task Another_teams_junior_cannot_reach_the_consents_or_the_export_by_any_path()
    {
        var priya = app.ClientAs(Priya);
        var clientId = await NewClientAsync(priya);
        var consent = await GiveMarketingAsync(priya, clientId);
        var amit = app.ClientAs(Amit);

        Assert.Equal(("NOT_FOUND", "clientId"), (await amit.RefusedAsync(Export, "exportClientData", new { clientId, format = "JSON" })).Single());
        Assert.Equal(("NOT_FOUND", "clientId"), (await amit.RefusedAsync(Give, "giveConsent",
            new { clientId, purpose = "MARKETING", evidence = "form" })).Single());
        Assert.Equal(("NOT_FOUND", "id"), (await amit.RefusedAsync(Withdraw, "withdrawConsent",
            new { id = consent.Long("databaseId"), version = consent.Long("version"), evidence = "x" })).Single());
        var data = await amit.DataAsync("""
            query($consent: ID!, $client: ID!, $priya: String, $c: Long) {
              consent: node(id: $consent) { id }
              client: node(id: $client) { ... on Client { consents { totalCount } } }
              clients(where: { consents: { some: { clientId: { eq: $c } } } }) { totalCount }
              users(where: { email: { eq: $priya } }) { edges { node { databaseId } } }
              recorders: users(where: { consentsRecorded: { some: { clientId: { eq: $c } } } }) { totalCount }
            }
            """, new { consent = consent.Str("id"), client = NodeId("Client", clientId), priya = Priya, c = clientId });
        Assert.Null(data["consent"]);
        Assert.Null(data["client"]);
        Assert.Equal(0, data["clients"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(0, data["recorders"]!["totalCount"]!.GetValue<int>());
        // The same filters as Priya do find them, so the zeros above are the row filter's doing.
        var own = await priya.DataAsync("query($c: Long) { recorders: users(where: { consentsRecorded: { some: { clientId: { eq: $c } } } }) { totalCount } }",
            new { c = clientId });
        Assert.Equal(1, own["recorders"]!["totalCount"]!.GetValue<int>());
        // Nor through the consent's history or the client page.
        var pages = await PagesAsync(Amit);
        var response = await pages.GetAsync($"/clients/{clientId}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string NodeId(string type, long id) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{type}:{id}"));
}

public sealed class PostgresConsentTests(PostgresGraphApp app) : ConsentTests<PostgresGraphApp>(app);
public sealed class SqliteConsentTests(SqliteGraphApp app) : ConsentTests<SqliteGraphApp>(app);

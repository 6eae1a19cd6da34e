using JlnbCrm.FunctionalTests.Databases;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>Interactions, client queries and service requests.</summary>
public abstract class WorkMutationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private static readonly string Log = Mutation("logInteraction", "LogInteractionInput",
        "interaction { databaseId type details relatedQueryId user { email } crossSellLeads { items { status originInteractionId product { name } refGivenByClientId } } } crossSellLeads { databaseId }");
    private const string QueryFields = "clientQuery { databaseId version status details resolution resolvedAt assignedRm { email } }";
    private static readonly string OpenQuery = Mutation("openClientQuery", "OpenClientQueryInput", QueryFields);
    private static readonly string UpdateQuery = Mutation("updateClientQuery", "UpdateClientQueryInput", QueryFields);
    private static readonly string AssignQuery = Mutation("assignClientQuery", "AssignClientQueryInput", QueryFields);
    private static readonly string StartQuery = Mutation("startClientQuery", "StartClientQueryInput", QueryFields);
    private static readonly string ResolveQuery = Mutation("resolveClientQuery", "ResolveClientQueryInput", QueryFields);
    private static readonly string CloseQuery = Mutation("closeClientQuery", "CloseClientQueryInput", QueryFields);
    private const string RequestFields = "serviceRequest { databaseId version status type rejectionReason closedAt assignedUser { email } }";
    private static readonly string CreateRequest = Mutation("createServiceRequest", "CreateServiceRequestInput", RequestFields);
    private static readonly string AssignRequest = Mutation("assignServiceRequest", "AssignServiceRequestInput", RequestFields);
    private static readonly string MoveRequest = Mutation("moveServiceRequest", "MoveServiceRequestInput", RequestFields);
    private static readonly string UpdateRequest = Mutation("updateServiceRequest", "UpdateServiceRequestInput",
        "serviceRequest { databaseId version status type details }");

    private async Task<long> AnyClientAsync(GraphClient client) => (await client.FirstAsync("clients", "ClientFilterInput", new { })).Long("databaseId");

    [Fact]
    public async Task A_portfolio_review_with_cross_sells_creates_a_reference_per_product()
    {
        var client = app.Client();
        // Cross-selling needs a client who has not withdrawn marketing consent (ConsentTests covers one who has).
        var clientId = (await client.FirstAsync("clients", "ClientFilterInput", new
        {
            consents = new { some = new { purpose = new { eq = "MARKETING" }, withdrawnAt = new { eq = (DateTime?)null } } },
        })).Long("databaseId");
        var user = await client.UserIdAsync("sneha.kulkarni@jlnb.in");
        var products = new[] { await client.ProductIdAsync("Term Life Cover"), await client.ProductIdAsync("RBI Floating Rate Bonds") };
        var logged = await client.MutateAsync(Log, "logInteraction", new
        {
            clientId, type = "PORTFOLIO_REVIEW", details = "Annual review; interested in cover and bonds.", userId = user, crossSellProductIds = products,
        });
        var interaction = logged["interaction"]!;
        Assert.Equal(("PORTFOLIO_REVIEW", "sneha.kulkarni@jlnb.in"), (interaction.Str("type"), interaction["user"]!.Str("email")));
        var leads = interaction["crossSellLeads"]!["items"]!.AsArray();
        Assert.Equal(["RBI Floating Rate Bonds", "Term Life Cover"], leads.Select(l => l!["product"]!.Str("name")!).Order());
        Assert.All(leads, l => Assert.Equal((interaction.Long("databaseId"), "NEW", clientId),
            (l!.Long("originInteractionId"), l!.Str("status"), l!.Long("refGivenByClientId"))));
        Assert.Equal(2, logged["crossSellLeads"]!.AsArray().Count);
    }

    [Fact]
    public async Task Interactions_refuse_a_resolution_without_its_query_and_cross_sells_outside_reviews()
    {
        var client = app.Client();
        var clientId = await AnyClientAsync(client);
        var user = await client.UserIdAsync("sneha.kulkarni@jlnb.in");
        Assert.Equal(("REQUIRED", "relatedQueryId"), (await client.RefusedAsync(Log, "logInteraction",
            new { clientId, type = "QUERY_RESOLUTION", details = "Sorted.", userId = user })).Single());
        Assert.Equal(("INVALID", "crossSellProductIds"), (await client.RefusedAsync(Log, "logInteraction",
            new { clientId, type = "NEW_BUSINESS", details = "Sold.", userId = user, crossSellProductIds = new[] { 1 } })).Single());
        Assert.Equal(("INVALID", "occurredAt"), (await client.RefusedAsync(Log, "logInteraction",
            new { clientId, type = "PORTFOLIO_REVIEW", details = "Later.", userId = user, occurredAt = DateTime.UtcNow.AddDays(2) })).Single());
    }

    [Fact]
    public async Task A_query_is_opened_edited_reassigned_started_resolved_with_a_logged_resolution_and_closed()
    {
        var client = app.Client();
        var clientId = await AnyClientAsync(client);
        var opened = (await client.MutateAsync(OpenQuery, "openClientQuery", new { clientId, details = "SIP debited twice." }))["clientQuery"]!;
        var (id, version) = (opened.Long("databaseId"), opened.Long("version"));
        Assert.Equal("OPEN", opened.Str("status"));
        await client.MutateAsync(UpdateQuery, "updateClientQuery", new { id, version, details = "SIP debited twice in October." });
        var neha = await client.UserIdAsync("neha.gupta@jlnb.in");
        var assigned = (await client.MutateAsync(AssignQuery, "assignClientQuery", new { id, version = version + 1, rmId = neha }))["clientQuery"]!;
        Assert.Equal("neha.gupta@jlnb.in", assigned["assignedRm"]!.Str("email"));
        await client.MutateAsync(StartQuery, "startClientQuery", new { id, version = version + 2 });
        Assert.Equal(("REQUIRED", "resolution"), (await client.RefusedAsync(ResolveQuery, "resolveClientQuery", new { id, version = version + 3 })).Single());
        var resolved = (await client.MutateAsync(ResolveQuery, "resolveClientQuery", new { id, version = version + 3, resolution = "AMC reversed the duplicate debit." }))["clientQuery"]!;
        Assert.Equal("RESOLVED", resolved.Str("status"));
        Assert.NotNull(resolved.Str("resolvedAt"));
        var closed = (await client.MutateAsync(CloseQuery, "closeClientQuery", new { id, version = version + 4 }))["clientQuery"]!;
        Assert.Equal(("CLOSED", "AMC reversed the duplicate debit."), (closed.Str("status"), closed.Str("resolution")));
        Assert.Equal(("ILLEGAL_TRANSITION", "status"), (await client.RefusedAsync(StartQuery, "startClientQuery", new { id, version = version + 5 })).Single());

        var log = await client.DataAsync("query($q: Long) { interactions(where: { relatedQueryId: { eq: $q } }) { edges { node { type details } } } }", new { q = id });
        var entry = log["interactions"]!["edges"]![0]!["node"]!;
        Assert.Equal(("QUERY_RESOLUTION", "AMC reversed the duplicate debit."), (entry.Str("type"), entry.Str("details")));
    }

    [Fact]
    public async Task Service_requests_go_to_their_desk_follow_their_transitions_and_reopen_with_a_reason()
    {
        var client = app.Client();
        var clientId = await AnyClientAsync(client);
        var created = (await client.MutateAsync(CreateRequest, "createServiceRequest", new { clientId, type = "ADDRESS_CHANGE", details = "Moved to Pune." }))["serviceRequest"]!;
        var (id, version) = (created.Long("databaseId"), created.Long("version"));
        Assert.Equal(("PENDING", "ADDRESS_CHANGE"), (created.Str("status"), created.Str("type")));
        var refused = await client.RefusedAsync(MoveRequest, "moveServiceRequest", new { id, version, status = "COMPLETED" });
        Assert.Equal(("ILLEGAL_TRANSITION", "status"), refused.Single());
        Assert.Contains("can only move to In Progress or Rejected", refused[0]!["message"]!.GetValue<string>());
        var desk = (await client.DataAsync("query($id: Long) { serviceRequests(where: { databaseId: { eq: $id } }) { edges { node { desk { name kind } } } } }",
            new { id }))["serviceRequests"]!["edges"]![0]!["node"]!["desk"]!;
        Assert.Equal(("Operations — KYC & Onboarding", "OPERATIONS"), (desk.Str("name"), desk.Str("kind")));

        // Only someone of the request's desk works it: an RM is refused as its assignee.
        var amit = await client.UserIdAsync("amit.verma@jlnb.in");
        Assert.Equal(("INVALID", "userId"), (await client.RefusedAsync(AssignRequest, "assignServiceRequest", new { id, version, userId = amit })).Single());
        var farhan = await client.UserIdAsync("farhan.qureshi@jlnb.in");
        await client.MutateAsync(AssignRequest, "assignServiceRequest", new { id, version, userId = farhan });
        var started = (await client.MutateAsync(MoveRequest, "moveServiceRequest", new { id, version = version + 1, status = "IN_PROGRESS" }))["serviceRequest"]!;
        Assert.Equal(("IN_PROGRESS", "farhan.qureshi@jlnb.in"), (started.Str("status"), started["assignedUser"]!.Str("email")));
        Assert.Equal(("REQUIRED", "reason"), (await client.RefusedAsync(MoveRequest, "moveServiceRequest", new { id, version = version + 2, status = "REJECTED" })).Single());
        var rejected = (await client.MutateAsync(MoveRequest, "moveServiceRequest", new { id, version = version + 2, status = "REJECTED", reason = "Address proof unreadable." }))["serviceRequest"]!;
        Assert.Equal(("REJECTED", "Address proof unreadable."), (rejected.Str("status"), rejected.Str("rejectionReason")));
        Assert.NotNull(rejected.Str("closedAt"));
        Assert.Equal(("ILLEGAL_TRANSITION", "status"), (await client.RefusedAsync(AssignRequest, "assignServiceRequest", new { id, version = version + 3, userId = farhan })).Single());

        // Reopening: the desk's head or an admin, with a reason; back to Pending with the same assignee.
        var reopen = Mutation("reopenServiceRequest", "ReopenServiceRequestInput", "serviceRequest { status closedAt rejectionReason reopenReason assignedUser { email } }");
        Assert.Equal(("AUTH_NOT_AUTHORIZED", "id"), (await app.ClientAs("farhan.qureshi@jlnb.in").RefusedAsync(reopen, "reopenServiceRequest",
            new { id, version = version + 3, reason = "Client re-sent proof." })).Single());
        Assert.Equal(("REQUIRED", "reason"), (await client.RefusedAsync(reopen, "reopenServiceRequest", new { id, version = version + 3, reason = " " })).Single());
        var reopened = (await app.ClientAs("meera.pillai@jlnb.in").MutateAsync(reopen, "reopenServiceRequest",
            new { id, version = version + 3, reason = "Client re-sent proof." }))["serviceRequest"]!;
        Assert.Equal(("PENDING", null, null, "Client re-sent proof.", "farhan.qureshi@jlnb.in"), (reopened.Str("status"), reopened.Str("closedAt"),
            reopened.Str("rejectionReason"), reopened.Str("reopenReason"), reopened["assignedUser"]!.Str("email")));
    }

    [Fact]
    public async Task A_service_requests_details_stay_editable_while_open_and_its_type_only_while_pending()
    {
        var client = app.Client();
        var clientId = await AnyClientAsync(client);
        var created = (await client.MutateAsync(CreateRequest, "createServiceRequest", new { clientId, type = "ADDRESS_CHANGE", details = "Moved to Pune." }))["serviceRequest"]!;
        var (id, version) = (created.Long("databaseId"), created.Long("version"));

        var edited = (await client.MutateAsync(UpdateRequest, "updateServiceRequest", new { id, version, type = "NOMINEE_UPDATE" }))["serviceRequest"]!;
        Assert.Equal(("NOMINEE_UPDATE", "Moved to Pune."), (edited.Str("type"), edited.Str("details"))); // left out: kept
        Assert.Equal(("CONFLICT", "version"), (await client.RefusedAsync(UpdateRequest, "updateServiceRequest", new { id, version, details = "Stale." })).Single());
        Assert.Equal(("REQUIRED", "details"), (await client.RefusedAsync(UpdateRequest, "updateServiceRequest", new { id, version = version + 1, details = " " })).Single());

        // Work starts with someone of its desk (nominee updates are the KYC & Onboarding desk's, Farhan's).
        var farhan = await client.UserIdAsync("farhan.qureshi@jlnb.in");
        await client.MutateAsync(AssignRequest, "assignServiceRequest", new { id, version = version + 1, userId = farhan });
        await client.MutateAsync(MoveRequest, "moveServiceRequest", new { id, version = version + 2, status = "IN_PROGRESS" });
        Assert.Equal(("ILLEGAL_TRANSITION", "type"),
            (await client.RefusedAsync(UpdateRequest, "updateServiceRequest", new { id, version = version + 3, type = "ADDRESS_CHANGE" })).Single());
        var details = (await client.MutateAsync(UpdateRequest, "updateServiceRequest", new { id, version = version + 3, details = "Add spouse as nominee." }))["serviceRequest"]!;
        Assert.Equal(("NOMINEE_UPDATE", "Add spouse as nominee."), (details.Str("type"), details.Str("details")));
    }
}

public sealed class PostgresWorkMutationTests(PostgresGraphApp app) : WorkMutationTests<PostgresGraphApp>(app);
public sealed class SqliteWorkMutationTests(SqliteGraphApp app) : WorkMutationTests<SqliteGraphApp>(app);

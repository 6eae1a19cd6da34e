using System.Runtime.CompilerServices;
using JlnbCrm.FunctionalTests.Databases;
using Snapshooter;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// Pins the answers to representative queries on the deterministic demo firm. Both providers match the
/// same snapshot file, so PostgreSQL and SQLite are also proven to answer alike. Version numbers are
/// left out (xmin on PostgreSQL, a counter on SQLite), and so are rows sorted by collation-dependent text.
/// </summary>
public abstract class SnapshotTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private async Task MatchAsync(string name, string query, [CallerFilePath] string source = "")
    {
        var data = await app.Client().DataAsync(query);
        // Named explicitly: Snapshooter cannot find the test method from inside an async helper.
        Snapshot.Match(JToken.Parse(data.ToJsonString()), new SnapshotFullName($"{name}.snap", Path.GetDirectoryName(source)!));
    }

    [Fact]
    public Task Roles() => MatchAsync("roles", "{ roles { databaseId name } }");

    [Fact]
    public Task Teams_with_their_members() => MatchAsync("teams", """
        { teams(order: [{ databaseId: ASC }]) { totalCount edges { node { databaseId name
          members { items { databaseId name email role { name } isActive } } } } } }
        """);

    [Fact]
    public Task Products_by_category() => MatchAsync("products", """
        { products(order: [{ databaseId: ASC }]) { totalCount edges { node { databaseId name category isActive } } } }
        """);

    [Fact]
    public Task First_page_of_clients_with_rm_and_holdings() => MatchAsync("clients_first_page", """
        { clients(first: 8, order: [{ databaseId: ASC }]) { totalCount
          pageInfo { hasNextPage hasPreviousPage }
          edges { node { databaseId name pan accountId mobile dateOfBirth createdAt
            assignedRm { name team { name } } products { items { subscribedOn product { name category } } } } } } }
        """);

    [Fact]
    public Task Clients_of_a_team_with_an_insurance_holding() => MatchAsync("clients_team_insurance", """
        { clients(first: 100, order: [{ databaseId: ASC }], where: {
            assignedRm: { team: { name: { eq: "Mumbai Wealth" } } },
            products: { some: { product: { category: { eq: INSURANCE } } } } }) {
          totalCount edges { node { databaseId name assignedRm { name } } } } }
        """);

    [Fact]
    public Task Leads_in_progress_for_market_products() => MatchAsync("leads_wip_market", """
        { leads(first: 50, order: [{ createdAt: DESC }], where: { status: { eq: WIP },
            product: { category: { in: [MUTUAL_FUND, PMS, AIF] } } }) {
          totalCount edges { node { databaseId prospectName status modeOfCommunication refGivenBy createdAt
            product { name } refObtainedBy { name } conversionRm { name } } } } }
        """);

    [Fact]
    public Task Converted_leads_and_their_clients() => MatchAsync("leads_converted", """
        { leads(first: 15, order: [{ databaseId: ASC }], where: { status: { eq: CONVERTED } }) {
          totalCount edges { node { databaseId prospectName convertedClient { databaseId name sourceLeadId } } } } }
        """);

    [Fact]
    public Task Portfolio_reviews_with_their_cross_sell_leads() => MatchAsync("portfolio_reviews", """
        { interactions(first: 10, order: [{ occurredAt: DESC }], where: { type: { eq: PORTFOLIO_REVIEW } }) {
          totalCount edges { node { databaseId occurredAt details client { name } user { name } relatedProduct { name }
            crossSellLeads { items { prospectName product { name } status } } } } } }
        """);

    [Fact]
    public Task Resolved_queries_with_resolutions() => MatchAsync("queries_resolved", """
        { clientQueries(first: 10, order: [{ createdAt: DESC }], where: { status: { in: [RESOLVED, CLOSED] } }) {
          totalCount edges { node { databaseId status details resolution createdAt resolvedAt client { name } assignedRm { name } } } } }
        """);

    [Fact]
    public Task Rejected_and_pending_service_requests() => MatchAsync("service_requests", """
        { serviceRequests(first: 12, order: [{ createdAt: DESC }], where: { or: [{ status: { eq: REJECTED } }, { status: { eq: PENDING }, type: { eq: KYC_UPDATE } }] }) {
          totalCount edges { node { databaseId type status details rejectionReason createdAt client { name } assignedUser { name } } } } }
        """);

    [Fact]
    public Task Dashboard() => MatchAsync("dashboard", """
        { dashboard {
            leadPipeline { status count }
            leadPipelineByRm { rmName status count }
            conversionRates(from: "2026-08-01T00:00:00Z", to: "2026-11-01T00:00:00Z") { rmName leads converted rate }
            openServiceRequests { type age count }
            serviceRequestsByStatus { status count }
            queryStats { open resolved meanHoursToResolve } } }
        """);

    [Fact]
    public Task Client_search_by_pan_prefix_and_name() => MatchAsync("client_search", """
        { byName: clients(search: "sha", first: 5, order: [{ databaseId: ASC }]) { totalCount edges { node { databaseId name } } }
          byPan: clients(search: "AB", first: 5, order: [{ databaseId: ASC }]) { totalCount edges { node { databaseId pan } } } }
        """);
}

/// <summary>The demo firm read at its own "now", so ages and periods never move.</summary>
public abstract class FrozenGraphApp<TDatabase> : GraphApp<TDatabase> where TDatabase : TestDatabase, new()
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(new FixedClock(TestDatabase.Anchor));
}

public sealed class FixedClock(DateTime now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
}

public sealed class FrozenPostgresGraphApp : FrozenGraphApp<PostgresDatabase>;
public sealed class FrozenSqliteGraphApp : FrozenGraphApp<SqliteDatabase>;

public sealed class PostgresSnapshotTests(FrozenPostgresGraphApp app) : SnapshotTests<FrozenPostgresGraphApp>(app);
public sealed class SqliteSnapshotTests(FrozenSqliteGraphApp app) : SnapshotTests<FrozenSqliteGraphApp>(app);

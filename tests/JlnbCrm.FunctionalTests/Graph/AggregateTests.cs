using System.Text.Json.Nodes;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// The <c>{list}Aggregate</c> fields over HTTP: counts are counts of the rows the same person can list with the same
/// where, periods are India calendar buckets, SLA state groups agree with the sla filter, protected fields are refused
/// as keys, and bad input gets its own code.
/// </summary>
public abstract class AggregateTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IClockedApp
{
    private const string Admin = "admin@jlnb.in", Junior = "priya.nair@jlnb.in", DeskExecutive = "farhan.qureshi@jlnb.in";

    public static IEnumerable<object[]> People() => [[Admin], [Junior], [DeskExecutive]];

    private static async Task<JsonArray> GroupsAsync(GraphClient client, string aggregate, string filterType, object? where,
        string groupBy, string keys, string? period = null, string? sla = null)
    {
        var extra = (period is null ? "" : $", period: {period}") + (sla is null ? "" : $", sla: {sla}");
        var data = await client.DataAsync(
            $"query($w: {filterType}) {{ {aggregate}(where: $w, groupBy: [{groupBy}]{extra}) {{ count key {{ {keys} }} }} }}",
            new { w = where });
        return data[aggregate]!.AsArray();
    }

    private static async Task<int> TotalAsync(GraphClient client, string list, string filterType, object? where, string? sla = null)
    {
        var slaArgument = sla is null ? "" : $", sla: {sla}";
        var data = await client.DataAsync($"query($w: {filterType}) {{ {list}(where: $w{slaArgument}) {{ totalCount }} }}",
            new { w = where });
        return data[list]!["totalCount"]!.GetValue<int>();
    }

    private static int Count(JsonNode? group) => group!["count"]!.GetValue<int>();

    [Theory]
    [MemberData(nameof(People))]
    public async Task Each_groups_counts_equal_the_rows_the_same_person_lists_with_the_same_where(string email)
    {
        var client = await app.SignedInAsync(email);
        // References per product by status, with a where: each group is the list filtered to its key.
        var leadWhere = new { status = new { neq = "DENIED" } };
        var leads = await GroupsAsync(client, "leadsAggregate", "LeadFilterInput", leadWhere, "PRODUCT_ID, STATUS",
            "productId status product { name }");
        Assert.Equal(await TotalAsync(client, "leads", "LeadFilterInput", leadWhere), leads.Sum(Count));
        foreach (var group in leads)
        {
            var key = group!["key"]!;
            Assert.NotEqual("DENIED", key.Str("status"));
            Assert.NotNull(key["product"]!.Str("name"));
            Assert.Equal(Count(group), await TotalAsync(client, "leads", "LeadFilterInput", new
            {
                status = new { eq = key.Str("status") }, productId = new { eq = key.Long("productId") }, and = new[] { leadWhere },
            }));
        }

        // Clients per RM, interactions per type, queries per status: the totals add up.
        foreach (var (aggregate, list, filter, groupBy, keys) in new[]
        {
            ("clientsAggregate", "clients", "ClientFilterInput", "ASSIGNED_RM_ID", "assignedRmId"),
            ("interactionsAggregate", "interactions", "InteractionFilterInput", "TYPE", "type"),
            ("clientQueriesAggregate", "clientQueries", "ClientQueryFilterInput", "STATUS", "status"),
        })
        {
            var groups = await GroupsAsync(client, aggregate, filter, null, groupBy, keys);
            Assert.Equal(await TotalAsync(client, list, filter, null), groups.Sum(Count));
        }

        // Service requests per type by SLA state: each group is exactly what serviceRequests(sla:) lists.
        var requests = await GroupsAsync(client, "serviceRequestsAggregate", "ServiceRequestFilterInput", null, "TYPE, SLA_STATE",
            "type slaState");
        Assert.Equal(await TotalAsync(client, "serviceRequests", "ServiceRequestFilterInput", null), requests.Sum(Count));
        foreach (var group in requests)
            Assert.Equal(Count(group), await TotalAsync(client, "serviceRequests", "ServiceRequestFilterInput",
                new { type = new { eq = group!["key"]!.Str("type") } }, group!["key"]!.Str("slaState")));
    }

    [Fact]
    public async Task A_junior_and_a_desk_executive_count_only_what_they_may_see()
    {
        var admin = await app.SignedInAsync(Admin);
        var all = await TotalOfAsync(admin);
        foreach (var email in new[] { Junior, DeskExecutive })
        {
            var mine = await TotalOfAsync(await app.SignedInAsync(email));
            Assert.True(mine.Leads < all.Leads && mine.Requests < all.Requests, $"{email}: {mine} of {all}");
        }

        static async Task<(int Leads, int Requests)> TotalOfAsync(GraphClient client)
        {
            var data = await client.DataAsync("{ leadsAggregate { count } serviceRequestsAggregate { count } }");
            return (Count(data["leadsAggregate"]![0]), Count(data["serviceRequestsAggregate"]![0]));
        }
    }

    [Fact]
    public async Task Periods_are_india_calendar_days_weeks_and_months_across_midnight_ist()
    {
        var marker = $"IST boundary {Guid.NewGuid():N}";
        // Four references, each a minute either side of midnight in India (UTC 18:30 the day before).
        var instants = new[]
        {
            new DateTime(2026, 11, 30, 18, 29, 0, DateTimeKind.Utc), // Mon 30 Nov 23:59 IST
            new DateTime(2026, 11, 30, 18, 31, 0, DateTimeKind.Utc), // Tue 1 Dec 00:01 IST
            new DateTime(2026, 12, 6, 18, 29, 0, DateTimeKind.Utc),  // Sun 6 Dec 23:59 IST
            new DateTime(2026, 12, 6, 18, 31, 0, DateTimeKind.Utc),  // Mon 7 Dec 00:01 IST
        };
        foreach (var at in instants)
        {
            if (app.Clock.GetUtcNow().UtcDateTime < at) app.Clock.SetUtcNow(at);
            Assert.Equal(at, app.Clock.GetUtcNow().UtcDateTime); // the fixture's clock only moves forward: run once per app
            var admin = await app.SignedInAsync(Admin);
            await admin.MutateAsync(Mutation("createLead", "CreateLeadInput", "lead { databaseId }"), "createLead", new
            {
                prospectName = marker, mobile = "+91 9811122233", addAnyway = true, modeOfCommunication = "CALL",
                productId = await admin.ProductIdAsync("JLNB Liquid Fund"),
            });
        }

        var client = await app.SignedInAsync(Admin);
        var where = new { prospectName = new { eq = marker } };
        async Task<string[]> BucketsAsync(string period) =>
            (await GroupsAsync(client, "leadsAggregate", "LeadFilterInput", where, "CREATED_AT", "createdAt", period))
            .Select(g => $"{g!["key"]!.Str("createdAt")}:{Count(g)}").ToArray();

        Assert.Equal(["2026-11-01:1", "2026-12-01:3"], await BucketsAsync("MONTH"));
        Assert.Equal(["2026-11-30:3", "2026-12-07:1"], await BucketsAsync("WEEK"));
        Assert.Equal(["2026-11-30:1", "2026-12-01:1", "2026-12-06:1", "2026-12-07:1"], await BucketsAsync("DAY"));
    }

    [Fact]
    public async Task A_masked_field_is_refused_as_a_group_key_to_whoever_sees_it_masked()
    {
        var junior = await app.SignedInAsync(Junior);
        var refused = await junior.SendAsync("{ clientsAggregate(groupBy: [PAN]) { count key { pan } } }");
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(refused));
        Assert.Contains("clientsAggregate.groupBy.pan", refused["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(
            await (await app.SignedInAsync(DeskExecutive)).SendAsync("{ clientsAggregate(groupBy: [ACCOUNT_ID]) { count } }")));

        // The admin reads every PAN in clear, so may group by it: one client per PAN.
        var admin = await app.SignedInAsync(Admin);
        var byPan = (await admin.DataAsync("{ clientsAggregate(groupBy: [PAN]) { count key { pan } } }"))["clientsAggregate"]!
            .AsArray();
        Assert.All(byPan, g => Assert.Equal(1, Count(g)));
        Assert.Equal(await TotalAsync(admin, "clients", "ClientFilterInput", null), byPan.Count);
    }

    [Theory]
    [InlineData("leadsAggregate(groupBy: [NO_SUCH_FIELD]) { count }", "ARGUMENTS_OF_CORRECT_TYPE")]
    [InlineData("leadsAggregate(groupBy: [STATUS], period: YEAR) { count }", "ARGUMENTS_OF_CORRECT_TYPE")]
    [InlineData("leadsAggregate(groupBy: [CREATED_AT]) { count }", "INVALID_PERIOD")]
    [InlineData("leadsAggregate(groupBy: [STATUS], period: MONTH) { count }", "INVALID_PERIOD")]
    [InlineData("leadsAggregate(groupBy: [STATUS, STATUS]) { count }", "INVALID_GROUP_BY")]
    [InlineData("leadsAggregate(groupBy: [STATUS, PRODUCT_ID, MODE_OF_COMMUNICATION, CONVERSION_RM_ID, REF_OBTAINED_BY_ID]) { count }",
        "INVALID_GROUP_BY")]
    [InlineData("interactionsAggregate(where: { nope: { eq: 1 } }) { count }", "ARGUMENTS_OF_CORRECT_TYPE")]
    public async Task Bad_input_gets_a_specific_error_code(string field, string code)
    {
        var response = await (await app.SignedInAsync(Admin)).SendAsync($"{{ {field} }}");
        Assert.Equal([code], GraphClient.ErrorCodes(response));
    }
}

public sealed class PostgresAggregateTests(ClockedPostgresGraphApp app) : AggregateTests<ClockedPostgresGraphApp>(app);
public sealed class SqliteAggregateTests(ClockedSqliteGraphApp app) : AggregateTests<ClockedSqliteGraphApp>(app);

using System.Net;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// Numbers and dates at the edges of their types, where arithmetic on them overflows (<c>AddDays</c> past year 9999,
/// a time zone shift before year 1). Each answers data or a specific code, never a resolver's unhandled exception.
/// </summary>
public abstract class ExtremeValueTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Last = "9999-12-31T23:59:59Z";
    private const string First = "0001-01-01T00:00:00Z";

    public static TheoryData<string> Queries => new()
    {
        "{ clients(first: 2147483647) { totalCount } }",
        "{ clients(last: -2147483648) { totalCount } }",
        $$"""{ clients(first: 1, where: { createdAt: { gt: "{{Last}}" } }) { totalCount } }""",
        $$"""{ clients(first: 1, where: { createdAt: { lte: "{{First}}" } }) { totalCount } }""",
        $$"""{ serviceRequests(first: 1, where: { createdAt: { in: ["{{First}}", "{{Last}}"] } }) { totalCount } }""",
        $$"""{ interactions(first: 1, where: { occurredAt: { gte: "{{Last}}" } }) { totalCount } }""",
        $$"""{ dashboard { leadPipeline(from: "{{First}}", to: "{{Last}}") { count } } }""",
        $$"""{ dashboard { leadPipelineByRm(from: "{{Last}}", to: "{{First}}") { count } } }""",
        $$"""{ dashboard { conversionRates(from: "{{First}}", to: "{{Last}}") { leads } } }""",
        $$"""{ dashboard { queryStats(from: "{{First}}", to: "{{Last}}") { open resolved meanHoursToResolve } } }""",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Values_at_the_edge_of_their_type_answer_data_or_a_specific_code(string query)
    {
        var response = await app.Client().Http.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new { query }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("Error trying to resolve", body);
        Assert.DoesNotContain("\"INTERNAL", body);
        Assert.DoesNotContain("OUT_OF_RANGE", body);
        Assert.DoesNotContain("OVERFLOW", body);
    }
}

public sealed class PostgresExtremeValueTests(PostgresGraphApp app) : ExtremeValueTests<PostgresGraphApp>(app);
public sealed class SqliteExtremeValueTests(SqliteGraphApp app) : ExtremeValueTests<SqliteGraphApp>(app);

using System.Text;
using System.Text.Json.Nodes;
using JlnbCrm.Graph.Hosting;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// The README's GraphQL examples are what newcomers paste first: they must run. The graphql-ws snippet's subscription
/// is the one the subscription tests subscribe with (<see cref="Subscriptions.SubscriptionTests{TApp}"/>).
/// </summary>
public abstract class ReadmeExamplesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    public static IEnumerable<object[]> Examples() => ReadmeExamples.Operations().Select((o, i) => new object[] { i, o });

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_example_in_the_readme_runs_without_graphql_errors(int index, string operation)
    {
        var response = await app.Client().SendAsync(operation);
        // A mutation may meet a user error on this data (e.g. a stale version); it must never be a schema error.
        Assert.True(response["errors"] is null, $"README example {index} failed: {response["errors"]?.ToJsonString()}");
        Assert.NotNull(response["data"]);
    }

    [Fact]
    public void The_readme_shows_queries_a_mutation_and_each_querying_feature()
    {
        var operations = ReadmeExamples.Operations().Select(o => o.TrimStart()).ToList();
        Assert.True(operations.Count(o => o.StartsWith('{') || o.StartsWith("query")) >= 3);
        Assert.Contains(operations, o => o.StartsWith("mutation"));
        Assert.Contains(operations, o => o.Contains("interactions: { none:") && o.Contains("queries: { some:")); // to-many filter
        Assert.Contains(operations, o => o.Contains("interactions(first: 5, where:")); // nested connection
        Assert.Contains(operations, o => o.Contains("history(first:")); // history as a connection
        Assert.Contains(operations, o => o.Contains("Aggregate(")); // aggregate
    }

    [Fact]
    public async Task The_readmes_persisted_operation_is_a_checked_in_web_operation_and_runs_by_hash_alone()
    {
        var body = ReadmeExamples.PersistedQueryBody();
        var hash = JsonNode.Parse(body)!["extensions"]!["persistedQuery"]!["sha256Hash"]!.GetValue<string>();
        var web = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFile.RepositoryRoot()!, "src/Graph/clients/web.json")))!;
        Assert.NotNull(web[hash]);
        Assert.DoesNotContain("\"query\"", body);

        var response = await app.Client().Http.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(answer["errors"] is null, answer["errors"]?.ToJsonString());
        Assert.NotNull(answer["data"]!["dashboard"]!["leadPipeline"]);
    }
}

public sealed class PostgresReadmeExamplesTests(PostgresGraphApp app) : ReadmeExamplesTests<PostgresGraphApp>(app);
public sealed class SqliteReadmeExamplesTests(SqliteGraphApp app) : ReadmeExamplesTests<SqliteGraphApp>(app);

using System.Text.RegularExpressions;
using JlnbCrm.Graph.Hosting;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>The README's GraphQL examples are what newcomers paste first: they must run.</summary>
public abstract partial class ReadmeExamplesTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    [GeneratedRegex("```graphql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphQLBlock();

    public static IEnumerable<object[]> Examples()
    {
        var readme = File.ReadAllText(Path.Combine(SchemaFile.RepositoryRoot()!, "README.md")).ReplaceLineEndings("\n");
        return GraphQLBlock().Matches(readme).Select((m, i) => new object[] { i, m.Groups[1].Value });
    }

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
    public void The_readme_has_at_least_three_queries_and_a_mutation()
    {
        var operations = Examples().Select(e => ((string)e[1]).TrimStart()).ToList();
        Assert.True(operations.Count(o => o.StartsWith('{') || o.StartsWith("query")) >= 3);
        Assert.Contains(operations, o => o.StartsWith("mutation"));
    }
}

public sealed class PostgresReadmeExamplesTests(PostgresGraphApp app) : ReadmeExamplesTests<PostgresGraphApp>(app);
public sealed class SqliteReadmeExamplesTests(SqliteGraphApp app) : ReadmeExamplesTests<SqliteGraphApp>(app);

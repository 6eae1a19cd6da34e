using System.Collections.Concurrent;
using GraphQL.Execution;
using GraphQLParser.AST;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.Graph.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>GraphQL.NET's parser, counting the texts it parses.</summary>
public sealed class CountingDocumentBuilder : IDocumentBuilder
{
    private readonly GraphQLDocumentBuilder _parser = new();
    private readonly ConcurrentDictionary<string, int> _parsed = new();

    public int TimesParsed(string text) => _parsed.GetValueOrDefault(text);

    public GraphQLDocument Build(string body)
    {
        _parsed.AddOrUpdate(body, 1, (_, n) => n + 1);
        return _parser.Build(body);
    }
}

public interface IDocumentCountingApp : IGraphApp
{
    CountingDocumentBuilder Parser { get; }
}

public abstract class DocumentCountingApp<TDatabase> : GraphApp<TDatabase>, IDocumentCountingApp where TDatabase : TestDatabase, new()
{
    public CountingDocumentBuilder Parser { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IDocumentBuilder>(Parser);
}

public sealed class PostgresDocumentCountingApp : DocumentCountingApp<PostgresDatabase>;
public sealed class SqliteDocumentCountingApp : DocumentCountingApp<SqliteDatabase>;

/// <summary>
/// An operation's text is parsed and checked against the specification once (Endpoint/ValidatedDocuments), while the
/// checks that depend on the caller, the variables and the budget still run on every request for that text.
/// </summary>
public abstract class DocumentCacheTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IDocumentCountingApp
{
    [Fact]
    public async Task The_same_text_is_parsed_once_whatever_its_variables()
    {
        const string query = "query($n: Int) { clients(first: $n) { edges { node { name } } } }";
        for (var n = 1; n <= 3; n++)
        {
            var data = await app.Client().DataAsync(query, new { n });
            Assert.Equal(n, data["clients"]!["edges"]!.AsArray().Count);
        }
        Assert.Equal(1, app.Parser.TimesParsed(query));
    }

    [Fact]
    public async Task A_text_an_administrator_ran_is_still_refused_to_anyone_else_and_skip_is_read_per_request()
    {
        const string query = """
            query($skip: Boolean!) { me { databaseId } auditLog(first: 1) @skip(if: $skip) { pageInfo { hasNextPage } } }
            """;
        Assert.NotNull((await app.Client().DataAsync(query, new { skip = false }))["auditLog"]);

        var junior = app.ClientAs("priya.nair@jlnb.in");
        var refused = await junior.SendAsync(query, new { skip = false });
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(refused));
        Assert.Null(refused["data"]);
        var skipped = await junior.DataAsync(query, new { skip = true });
        Assert.NotNull(skipped["me"]);
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(await junior.SendAsync(query, new { skip = false })));

        Assert.Equal(1, app.Parser.TimesParsed(query)); // every refusal above was on the cached document
    }

    [Fact]
    public async Task The_cost_of_a_cached_text_is_priced_from_each_requests_variables_and_refused_over_the_ceiling()
    {
        const string query = """
            query($n: Int, $m: Int) { clients(first: $n) { edges { node {
              queries(first: $m) { items { client { serviceRequests(first: $m) { items { client { name } } } } } } } } } }
            """;
        var cheap = await app.Client().SendAsync(query, new { n = 1, m = 1 });
        Assert.Null(cheap["errors"]);
        var cheapCost = cheap["extensions"]!["cost"]!["requestedCost"]!.GetValue<int>();

        var costly = await app.Client().SendAsync(query, new { n = 100, m = 100 });
        Assert.Equal(["COMPLEXITY"], GraphClient.ErrorCodes(costly));
        Assert.Null(costly["data"]);
        Assert.True(costly["extensions"]!["cost"]!["requestedCost"]!.GetValue<int>() > QueryLimits.DefaultMaxCost);

        var cheapAgain = await app.Client().SendAsync(query, new { n = 1, m = 1 });
        Assert.Null(cheapAgain["errors"]);
        Assert.Equal(cheapCost, cheapAgain["extensions"]!["cost"]!["requestedCost"]!.GetValue<int>());
        Assert.Equal(1, app.Parser.TimesParsed(query));
    }

    [Fact]
    public async Task Variables_are_still_checked_on_a_cached_text()
    {
        const string query = "query($n: Int!) { clients(first: $n) { edges { node { name } } } }";
        await app.Client().DataAsync(query, new { n = 1 });
        var wrong = await app.Client().SendAsync(query, new { n = "many" });
        Assert.NotEmpty(GraphClient.ErrorCodes(wrong));
        Assert.Null(wrong["data"]);
        Assert.Equal(1, app.Parser.TimesParsed(query));
    }
}

public sealed class PostgresDocumentCacheTests(PostgresDocumentCountingApp app) : DocumentCacheTests<PostgresDocumentCountingApp>(app);
public sealed class SqliteDocumentCacheTests(SqliteDocumentCountingApp app) : DocumentCacheTests<SqliteDocumentCountingApp>(app);

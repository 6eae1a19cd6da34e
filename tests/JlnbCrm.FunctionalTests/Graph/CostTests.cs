using System.Net;
using System.Text.Json.Nodes;
using JlnbCrm.Graph.Hosting;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// The cost model over HTTP: page sizes multiply what they select (literal or variable, default when left out),
/// fragments and @skip/@include count as the executor will run them, every answer reports extensions.cost, and an
/// operation over Crm:GraphQL:MaxCost is refused with COMPLEXITY before anything runs.
/// </summary>
public abstract class CostTests<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime where TApp : class, IGraphApp
{
    private readonly List<IAsyncDisposable> _instances = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
    }

    private static (int Requested, int Max) Cost(JsonNode response) =>
        (response["extensions"]!["cost"]!["requestedCost"]!.GetValue<int>(), response["extensions"]!["cost"]!["maxCost"]!.GetValue<int>());

    [Fact]
    public async Task A_connection_multiplies_its_selection_by_its_page_and_nested_lists_by_theirs()
    {
        var response = await app.Client().SendAsync("{ clients(first: 50) { edges { node { name interactions(first: 5) { items { details } } } } } }");
        Assert.Null(response["errors"]);
        // 1 (the connection) + 50 × (1 node + (1 list + 5 rows))
        Assert.Equal((351, QueryLimits.DefaultMaxCost), Cost(response));

        // items instead of edges, a to-one object and the count: 1 + 50 rows + 50 RMs + 1 count; pageInfo is free.
        var items = await app.Client().SendAsync("{ clients(first: 50) { totalCount pageInfo { hasNextPage } items { name assignedRm { name } } } }");
        Assert.Equal(102, Cost(items).Requested);
    }

    [Fact]
    public async Task Page_sizes_from_variables_and_defaults_count_and_skipped_fragments_do_not()
    {
        const string query = """
            query($n: Int, $skip: Boolean!) { clients(first: $n) { ...rows } }
            fragment rows on ClientConnection { edges { node { name interactions(first: 5) @skip(if: $skip) { items { details } } } } }
            """;
        var small = await app.Client().SendAsync(query, new { n = 10, skip = true });
        Assert.Null(small["errors"]);
        Assert.Equal(11, Cost(small).Requested);

        var included = await app.Client().SendAsync(query, new { n = 10, skip = false });
        Assert.Equal(1 + 10 * (1 + 6), Cost(included).Requested);

        // No first: the connection's default page (20); below, interactions' declared default (10).
        var defaults = await app.Client().SendAsync(query, new { skip = false });
        Assert.Equal(1 + 20 * (1 + 6), Cost(defaults).Requested);
        var declared = await app.Client().SendAsync("{ clients(first: 2) { edges { node { interactions { items { details } } } } } }");
        Assert.Equal(1 + 2 * (1 + 11), Cost(declared).Requested);
    }

    [Fact]
    public async Task Every_answer_reports_the_cost_even_a_mutation_and_a_request_that_did_not_validate()
    {
        var mutation = await app.Client().SendAsync(
            "mutation { createTeam(input: { name: \"Cost Desk\" }) { team { databaseId } errors { code } } }");
        Assert.Null(mutation["errors"]);
        Assert.Equal(1 + 1 + 21, Cost(mutation).Requested); // the payload, its team, its errors (a list without a page: 1 + 20)

        var invalid = await app.Client().SendAsync("{ clients { noSuchField } }");
        Assert.NotEmpty(GraphClient.ErrorCodes(invalid));
        Assert.Equal((0, QueryLimits.DefaultMaxCost), Cost(invalid));
    }

    [Fact]
    public async Task An_operation_over_the_configured_ceiling_is_refused_before_it_runs_with_its_cost()
    {
        var instance = app.AnotherInstance(web => web.UseSetting(QueryLimits.MaxCostKey, "300"));
        _instances.Add(instance);
        var http = instance.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync("admin@jlnb.in"));
        var client = new GraphClient(http);

        var cheap = await client.SendAsync("{ clients(first: 50) { edges { node { name } } } }");
        Assert.Null(cheap["errors"]);
        Assert.Equal((51, 300), Cost(cheap));

        var costly = await client.SendAsync("{ clients(first: 50) { edges { node { name interactions(first: 5) { items { details } } } } } }");
        Assert.Null(costly["data"]); // refused at validation: nothing ran
        Assert.Single(costly["errors"]!.AsArray());
        var error = costly["errors"]![0]!;
        Assert.Equal("COMPLEXITY", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("351", error["message"]!.GetValue<string>());
        Assert.Equal((351, 300), Cost(costly));
    }

    [Fact]
    public async Task The_refusal_is_a_400_for_clients_that_accept_the_graphql_response_type()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent("{ \"query\": \"{ clients(first: 100) { edges { node { queries { items { client { serviceRequests { items { client { name } } } } } } } } } }\" }"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var response = await app.Http().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["COMPLEXITY"], GraphClient.ErrorCodes(body));
        Assert.True(Cost(body).Requested > QueryLimits.DefaultMaxCost);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class PostgresCostTests(PostgresGraphApp app) : CostTests<PostgresGraphApp>(app);
public sealed class SqliteCostTests(SqliteGraphApp app) : CostTests<SqliteGraphApp>(app);

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using JlnbCrm.Graph.Hosting;


namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>GraphQL over HTTP: what a conforming client may send, and how malformed requests are answered.</summary>
public abstract class EndpointTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string GraphQLResponse = "application/graphql-response+json";

    private async Task<(HttpStatusCode Status, string Type, JsonNode? Body, HttpResponseMessage Response)> PostAsync(
        string body, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await ReadAsync(await app.Http().SendAsync(request));
    }

    private static async Task<(HttpStatusCode, string, JsonNode?, HttpResponseMessage)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", text.Length > 0 ? JsonNode.Parse(text) : null, response);
    }

    [Fact]
    public async Task A_post_with_variables_and_an_operation_name_runs_the_named_operation()
    {
        var (status, type, body, _) = await PostAsync("""
            { "query": "query A { roles { databaseId } } query B($n: String) { products(where: { name: { eq: $n } }) { totalCount } }",
              "operationName": "B", "variables": { "n": "JLNB Liquid Fund" } }
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        Assert.Equal(1, body!["data"]!["products"]!["totalCount"]!.GetValue<int>());
        Assert.Null(body["data"]!["roles"]);
    }

    [Fact]
    public async Task The_graphql_response_media_type_is_answered_in_kind_and_a_request_that_never_ran_is_400()
    {
        var ok = await PostAsync("""{ "query": "{ roles { name } }" }""", accept: GraphQLResponse);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(GraphQLResponse, ok.Type);

        var invalid = await PostAsync("""{ "query": "{ roles { noSuchField } }" }""", accept: GraphQLResponse);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Null(invalid.Body!["data"]);
        Assert.NotEmpty(GraphClient.ErrorCodes(invalid.Body));

        // Plain JSON clients keep the legacy contract: 200 with errors.
        var legacy = await PostAsync("""{ "query": "{ roles { noSuchField } }" }""", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.NotEmpty(GraphClient.ErrorCodes(legacy.Body!));
    }

    [Theory]
    [InlineData("{ \"query\": ", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("{ \"variables\": {} }", "query")]
    [InlineData("{ \"query\": 42 }", "query")]
    [InlineData("{ \"query\": \"{ roles { name } }\", \"operationName\": 7 }", "operationName")]
    [InlineData("{ \"query\": \"{ roles { name } }\", \"variables\": [1, 2] }", "variables")]
    [InlineData("{ \"query\": \"{ roles { name } }\", \"extensions\": \"x\" }", "extensions")]
    [InlineData("[]", "batch")]
    public async Task Malformed_requests_are_400_with_a_message_naming_the_problem(string body, string mention)
    {
        var (status, _, response, _) = await PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = response!["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains(mention, message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Variables_of_the_wrong_type_are_a_400_with_the_graphql_media_type()
    {
        var (status, _, body, _) = await PostAsync(
            """{ "query": "query($n: Int) { clients(first: $n) { totalCount } }", "variables": { "n": "many" } }""", accept: GraphQLResponse);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("INVALID_VALUE", GraphClient.ErrorCodes(body!));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var (status, _, _, _) = await PostAsync("{ roles { name } }", contentType: "application/graphql");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task An_unacceptable_accept_header_is_406()
    {
        var (status, _, _, _) = await PostAsync("""{ "query": "{ roles { name } }" }""", accept: "text/html");
        Assert.Equal(HttpStatusCode.NotAcceptable, status);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var padding = new string(' ', 300 * 1024);
        var (status, _, _, _) = await PostAsync($$"""{ "query": "{ roles { name } }{{padding}}" }""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Get_runs_queries_but_refuses_mutations_with_405_and_allow_post()
    {
        var query = await ReadAsync(await app.Http().GetAsync("/graphql?query=" + Uri.EscapeDataString("{ roles { name } }")));
        Assert.Equal(HttpStatusCode.OK, query.Item1);
        Assert.Equal(3, query.Item3!["data"]!["roles"]!.AsArray().Count);

        var mutation = "mutation { createTeam(input: { name: \"Sneaky\" }) { team { databaseId } } }";
        var refused = await ReadAsync(await app.Http().GetAsync("/graphql?query=" + Uri.EscapeDataString(mutation)));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.Item1);
        Assert.Equal("POST", string.Join(",", refused.Item4.Content.Headers.Allow));

        await using var db = app.Db.Open();
        Assert.DoesNotContain(db.Teams, t => t.Name == "Sneaky");
    }

    [Fact]
    public async Task Get_with_variables_in_the_query_string()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString("query($n: String) { products(where: { name: { eq: $n } }) { totalCount } }")
            + "&variables=" + Uri.EscapeDataString("""{ "n": "JLNB Liquid Fund" }""");
        var (status, _, body, _) = await ReadAsync(await app.Http().GetAsync(url));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body!["data"]!["products"]!["totalCount"]!.GetValue<int>());

        var bad = await ReadAsync(await app.Http().GetAsync("/graphql?query=" + Uri.EscapeDataString("{ roles { name } }") + "&variables=%7Bnope"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Item1);
    }

    [Fact]
    public async Task A_batch_is_answered_as_an_array_in_order_and_oversized_batches_are_refused()
    {
        var (status, _, body, _) = await PostAsync("""
            [ { "query": "{ roles { databaseId } }" }, { "query": "{ teams { totalCount } }" } ]
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        var results = body!.AsArray();
        Assert.Equal(2, results.Count);
        Assert.Equal(3, results[0]!["data"]!["roles"]!.AsArray().Count);
        Assert.NotNull(results[1]!["data"]!["teams"]!["totalCount"]);

        var eleven = "[" + string.Join(",", Enumerable.Repeat("""{ "query": "{ roles { name } }" }""", 11)) + "]";
        var (tooMany, _, _, _) = await PostAsync(eleven);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        var response = await app.Http().PutAsync("/graphql", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Introspection_is_allowed_for_analysts()
    {
        var data = await app.Client().DataAsync("{ __schema { queryType { name } } __type(name: \"Client\") { fields { name } } }");
        Assert.Equal("Query", data["__schema"]!["queryType"]!["name"]!.GetValue<string>());
        Assert.Contains(data["__type"]!["fields"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "pan");
    }

    [Fact]
    public async Task Deep_introspection_as_ides_send_it_is_allowed_but_a_recursive_one_is_bounded()
    {
        var typeRef = "kind name " + string.Concat(Enumerable.Repeat("ofType { kind name ", 7)) + new string('}', 7);
        var ide = $"query IntrospectionQuery {{ __schema {{ queryType {{ name }} types {{ kind name fields(includeDeprecated: true) {{ name args {{ name type {{ {typeRef} }} }} type {{ {typeRef} }} }} inputFields {{ name type {{ {typeRef} }} }} }} }} }}";
        var data = await app.Client().DataAsync(ide);
        Assert.Contains(data["__schema"]!["types"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "Client");

        var recursive = "{ __type(name: \"Client\") { " + string.Concat(Enumerable.Repeat("fields { type { ", 9)) + "name" + new string('}', 19) + " }";
        var response = await app.Client().SendAsync(recursive);
        Assert.Equal(["COMPLEXITY"], GraphClient.ErrorCodes(response));
    }

    [Fact]
    public async Task A_query_deeper_than_the_limit_is_refused_with_a_code()
    {
        // Client → RM → team → members → clients-of-RM … nests far past the depth ceiling.
        var deep = "{ clients(first: 1) { edges { node { " + string.Concat(Enumerable.Repeat("sourceLead { convertedClient { ", 6)) + "name" + new string('}', 12) + " } } } }";
        var response = await app.Client().SendAsync(deep);
        Assert.True(response["data"] is null, response.ToJsonString());
        var error = response["errors"]![0]!;
        Assert.Equal("COMPLEXITY", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains($"{QueryLimits.MaxDepth}", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_that_would_fetch_too_many_nodes_is_refused_but_a_busy_screen_is_not()
    {
        var screen = "{ clients(first: 50) { edges { node { name assignedRm { name team { name } } products { items { product { name } } } interactions(first: 5) { items { details user { name } } } } } } }";
        Assert.Empty(GraphClient.ErrorCodes(await app.Client().SendAsync(screen)));

        var greedy = "{ clients(first: 100) { edges { node { queries { items { client { serviceRequests { items { client { interactions(first: 50) { items { details } } } } } } } } } } } }";
        var response = await app.Client().SendAsync(greedy);
        Assert.Null(response["data"]);
        Assert.Equal(["COMPLEXITY"], GraphClient.ErrorCodes(response));
    }
}

public sealed class PostgresEndpointTests(PostgresGraphApp app) : EndpointTests<PostgresGraphApp>(app);
public sealed class SqliteEndpointTests(SqliteGraphApp app) : EndpointTests<SqliteGraphApp>(app);

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JlnbCrm.Graph.Endpoint;
using JlnbCrm.Graph.Hosting;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// Persisted and trusted operations as Apollo clients send them (extensions.persistedQuery, version 1), over POST
/// and GET: the checked-in manifests, the "not found, send the text" round trip when automatic persisting is on,
/// and the trusted-only setting for one OAuth client.
/// </summary>
public abstract class PersistedOperationTests<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime where TApp : class, IGraphApp
{
    private const string Roles = "query Roles { roles { databaseId name } }";
    private const string ClientsPage = "query ClientsPage($first: Int, $after: String, $search: String) { clients(first: $first, after: $after, search: $search, order: [{ name: ASC }]) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name pan assignedRm { name } } } } }";
    private const string LogInteraction = "mutation LogInteraction($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id occurredAt } errors { code message field } } }";

    private readonly List<IAsyncDisposable> _instances = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static object Persisted(string hash, int version = 1) => new { persistedQuery = new { version, sha256Hash = hash } };

    private async Task<HttpClient> InstanceAsync(string email, params (string Key, string Value)[] settings)
    {
        var instance = app.AnotherInstance(web => { foreach (var (key, value) in settings) web.UseSetting(key, value); });
        _instances.Add(instance);
        var http = instance.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync(email));
        return http;
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(HttpClient http, object body, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(body) };
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(HttpClient http, object extensions, object? variables = null)
    {
        var url = "/graphql?extensions=" + Uri.EscapeDataString(JsonSerializer.Serialize(extensions))
            + (variables is null ? "" : "&variables=" + Uri.EscapeDataString(JsonSerializer.Serialize(variables)));
        var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    [Fact]
    public void Every_checked_in_operation_is_named_by_the_sha256_of_its_text()
    {
        var folder = Path.Combine(SchemaFile.RepositoryRoot()!, "src", "Graph", "clients");
        var files = Directory.GetFiles(folder, "*.json");
        Assert.Contains(files, f => Path.GetFileName(f) == "web.json");
        Assert.Contains(files, f => Path.GetFileName(f) == "mobile.json");
        foreach (var file in files)
        {
            var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!;
            Assert.NotEmpty(manifest);
            foreach (var (hash, text) in manifest) Assert.True(Sha256(text) == hash, $"{Path.GetFileName(file)}: {hash} is not the hash of its text");
        }
    }

    [Fact]
    public void A_manifest_whose_hash_does_not_match_its_text_stops_the_start()
    {
        var folder = Directory.CreateTempSubdirectory("jlnb-manifest-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "web.json"), JsonSerializer.Serialize(new Dictionary<string, string> { [Sha256(Roles)] = Roles + " " }));
            var problem = Assert.Throws<InvalidOperationException>(() => PersistedOperations.LoadManifests(folder));
            Assert.Contains(Sha256(Roles), problem.Message);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public async Task A_registered_operation_runs_by_its_hash_over_post_and_get()
    {
        var (status, body) = await PostAsync(app.Http(), new { extensions = Persisted(Sha256(Roles)) });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body["data"]!["roles"]!.AsArray().Count);
        Assert.NotNull(body["extensions"]!["cost"]);

        var (getStatus, page) = await GetAsync(app.Http(), Persisted(Sha256(ClientsPage)), new { first = 2 });
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal(2, page!["data"]!["clients"]!["edges"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_registered_mutation_by_hash_over_get_is_405()
    {
        var (status, _) = await GetAsync(app.Http(), Persisted(Sha256(LogInteraction)),
            new { input = new { clientId = "1", type = "PORTFOLIO_REVIEW", details = "by GET" } });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        await using var db = app.Db.Open();
        Assert.DoesNotContain(db.Interactions, i => i.Details == "by GET");
    }

    [Fact]
    public async Task With_automatic_persisting_an_unknown_hash_is_not_found_then_registered_with_its_text()
    {
        var http = await InstanceAsync("admin@jlnb.in", (PersistedOperations.AutoRegisterKey, "true"));
        const string query = "query Teams { teams(first: 3) { edges { node { name } } } }";
        var hash = Sha256(query);

        var (status, missing) = await PostAsync(http, new { extensions = Persisted(hash) });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([PersistedOperations.NotFound], GraphClient.ErrorCodes(missing));
        Assert.Null(missing["data"]);
        var (strictStatus, _) = await PostAsync(http, new { extensions = Persisted(hash) }, accept: GraphQLHttpEndpoint.GraphQLResponse);
        Assert.Equal(HttpStatusCode.BadRequest, strictStatus);

        var (_, registered) = await PostAsync(http, new { query, extensions = Persisted(hash) });
        Assert.Empty(GraphClient.ErrorCodes(registered));
        Assert.Equal(3, registered["data"]!["teams"]!["edges"]!.AsArray().Count);

        var (_, byHash) = await PostAsync(http, new { extensions = Persisted(hash) });
        Assert.Equal(3, byHash["data"]!["teams"]!["edges"]!.AsArray().Count);
        var (getStatus, byGet) = await GetAsync(http, Persisted(hash));
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal(3, byGet!["data"]!["teams"]!["edges"]!.AsArray().Count);
    }

    [Fact]
    public async Task Automatically_persisted_operations_are_kept_within_a_byte_budget_not_a_count()
    {
        var http = await InstanceAsync("admin@jlnb.in", (PersistedOperations.AutoRegisterKey, "true"));
        // Operations near the body limit (a long comment is still a valid document): far fewer than 10,000 fit.
        var padding = new string('x', 200_000);
        var queries = Enumerable.Range(0, 120).Select(i => $"query Roles{i} {{ roles {{ databaseId name }} }}\n# {i} {padding}").ToList();
        var fit = PersistedOperations.AutomaticCapacityBytes / PersistedOperations.SizeOf(Sha256(queries[0]), queries[0]);
        Assert.InRange(fit, 1, queries.Count / 2);
        foreach (var query in queries)
        {
            var (_, ran) = await PostAsync(http, new { query, extensions = Persisted(Sha256(query)) });
            Assert.Empty(GraphClient.ErrorCodes(ran));
        }

        var remembered = 0;
        foreach (var query in queries)
        {
            var (_, byHash) = await PostAsync(http, new { extensions = Persisted(Sha256(query)) });
            if (GraphClient.ErrorCodes(byHash).SequenceEqual([PersistedOperations.NotFound])) continue;
            Assert.NotNull(byHash["data"]!["roles"]);
            remembered++;
        }
        Assert.InRange(remembered, 1, fit);
    }

    [Fact]
    public async Task Without_automatic_persisting_the_text_runs_but_is_not_remembered()
    {
        // The test host's environment is not Development, so persisting is off unless asked for.
        const string query = "query Products { products(first: 2) { totalCount } }";
        var (_, withText) = await PostAsync(app.Http(), new { query, extensions = Persisted(Sha256(query)) });
        Assert.Empty(GraphClient.ErrorCodes(withText));

        var (_, byHash) = await PostAsync(app.Http(), new { extensions = Persisted(Sha256(query)) });
        Assert.Equal([PersistedOperations.NotFound], GraphClient.ErrorCodes(byHash));
    }

    [Theory]
    [InlineData("mismatch")]
    [InlineData("version")]
    [InlineData("malformed")]
    public async Task A_wrong_hash_version_or_shape_is_refused_with_its_own_code_and_nothing_runs(string problem)
    {
        const string query = "mutation { createTeam(input: { name: \"Hash Desk\" }) { team { databaseId } } }";
        object extensions = problem switch
        {
            "mismatch" => Persisted(Sha256(query + " ")),
            "version" => Persisted(Sha256(query), version: 2),
            _ => new { persistedQuery = new { version = 1, sha256Hash = 42 } },
        };
        var (status, body) = await PostAsync(app.Http(), new { query, extensions }, accept: GraphQLHttpEndpoint.GraphQLResponse);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var expected = problem switch
        {
            "mismatch" => PersistedOperations.HashMismatch,
            "version" => PersistedOperations.VersionNotSupported,
            _ => PersistedOperations.Invalid,
        };
        Assert.Equal([expected], GraphClient.ErrorCodes(body));
        await using var db = app.Db.Open();
        Assert.DoesNotContain(db.Teams, t => t.Name == "Hash Desk");
    }

    [Fact]
    public async Task A_trusted_only_client_runs_registered_operations_only_and_other_clients_are_unaffected()
    {
        var web = await InstanceAsync("admin@jlnb.in", (PersistedOperations.TrustedOnlyKey + ":0", Identity.OidcFlow.WebClient),
            (PersistedOperations.AutoRegisterKey, "true"));

        var (_, registered) = await PostAsync(web, new { extensions = Persisted(Sha256(Roles)) });
        Assert.Equal(3, registered["data"]!["roles"]!.AsArray().Count);
        var (_, registeredWithText) = await PostAsync(web, new { query = Roles, extensions = Persisted(Sha256(Roles)) });
        Assert.Empty(GraphClient.ErrorCodes(registeredWithText));
        var (getStatus, byGet) = await GetAsync(web, Persisted(Sha256(Roles)));
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal(3, byGet!["data"]!["roles"]!.AsArray().Count);

        const string free = "{ roles { name } }";
        var (freeStatus, freeText) = await PostAsync(web, new { query = free }, accept: GraphQLHttpEndpoint.GraphQLResponse);
        Assert.Equal(HttpStatusCode.BadRequest, freeStatus);
        Assert.Equal([PersistedOperations.TrustedOnly], GraphClient.ErrorCodes(freeText));
        Assert.Null(freeText["data"]);
        var (_, unregistered) = await PostAsync(web, new { query = free, extensions = Persisted(Sha256(free)) });
        Assert.Equal([PersistedOperations.TrustedOnly], GraphClient.ErrorCodes(unregistered));
        var onGet = await web.GetAsync("/graphql?query=" + Uri.EscapeDataString(free));
        Assert.Equal(HttpStatusCode.OK, onGet.StatusCode);
        Assert.Equal([PersistedOperations.TrustedOnly], GraphClient.ErrorCodes(JsonNode.Parse(await onGet.Content.ReadAsStringAsync())!));

        // The reporting integration (another OAuth client) on the same instance still sends free text, and persists it…
        var (tokenStatus, token) = await Identity.OidcFlow.RequestTokenAsync(web, new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "jlnb-reporting",
            ["client_secret"] = Identity.OidcFlow.ReportingSecret, ["scope"] = "crm_api",
        });
        Assert.Equal(HttpStatusCode.OK, tokenStatus);
        using var reporting = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = free, extensions = Persisted(Sha256(free)) }),
        };
        reporting.Headers.Authorization = new("Bearer", token["access_token"]!.GetValue<string>());
        var reportingBody = JsonNode.Parse(await (await web.SendAsync(reporting)).Content.ReadAsStringAsync())!;
        Assert.Empty(GraphClient.ErrorCodes(reportingBody));
        Assert.Equal(3, reportingBody["data"]!["roles"]!.AsArray().Count);

        // …but what was persisted automatically is not registered for the trusted-only client.
        var (_, remembered) = await PostAsync(web, new { extensions = Persisted(Sha256(free)) });
        Assert.Equal([PersistedOperations.NotFound], GraphClient.ErrorCodes(remembered));
    }
}

public sealed class PostgresPersistedOperationTests(PostgresGraphApp app) : PersistedOperationTests<PostgresGraphApp>(app);
public sealed class SqlitePersistedOperationTests(SqliteGraphApp app) : PersistedOperationTests<SqliteGraphApp>(app);

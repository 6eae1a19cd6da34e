using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Browser;
using JlnbCrm.FunctionalTests.Subscriptions;
using JlnbCrm.Graph.Endpoint;
using JlnbCrm.Graph.Hosting;
using JlnbCrm.Seeding;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// A signed-in but hostile member of staff (or a page on another site) going around the API's rules by the paths
/// added last: the WebSocket beside HTTP, batches, persisted operations, nested lists and aggregates. Each test tries
/// one way around a rule and checks that it holds (docs/security.md lists them).
/// </summary>
public abstract class AttackTests<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime where TApp : class, IGraphApp
{
    private const string Admin = "admin@jlnb.in";
    private const string Priya = "priya.nair@jlnb.in"; // junior RM, Mumbai Wealth
    private const string Amit = "amit.verma@jlnb.in"; // junior RM, Delhi Private Clients
    private const string Farhan = "farhan.qureshi@jlnb.in"; // executive of the KYC desk: sees clients masked
    private const string Roles = "query Roles { roles { databaseId name } }"; // in src/Graph/clients/mobile.json

    private readonly List<IAsyncDisposable> _instances = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static object Persisted(string hash) => new { persistedQuery = new { version = 1, sha256Hash = hash } };

    /// <summary>Another instance of the app over the same database, on a real socket, with these settings.</summary>
    private Uri Listening(params (string Key, string Value)[] settings)
    {
        var host = app.AnotherInstance(web =>
        {
            KestrelHost.OnAFreePort(web);
            foreach (var (key, value) in settings) web.UseSetting(key, value);
        });
        _instances.Add(host);
        return KestrelHost.Start(host);
    }

    /// <summary>Another in-memory instance with these settings, called with a bearer token of the web front end.</summary>
    private async Task<HttpClient> InstanceAsync(string email, params (string Key, string Value)[] settings)
    {
        var instance = app.AnotherInstance(web => { foreach (var (key, value) in settings) web.UseSetting(key, value); });
        _instances.Add(instance);
        var http = instance.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync(email));
        return http;
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/graphql", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The first message answering operation <paramref name="id"/> on the socket.</summary>
    private static async Task<JsonNode> AnswerAsync(SubscriptionSocket socket, string id, object payload)
    {
        await socket.SendAsync(new { id, type = "subscribe", payload });
        var answer = await socket.ReceiveAsync();
        Assert.Equal(id, answer["id"]!.GetValue<string>());
        return answer;
    }

    private static string[] Codes(JsonNode? errors) =>
        errors?.AsArray().Select(e => e!["extensions"]?["code"]?.GetValue<string>() ?? "").ToArray() ?? [];

    [Fact]
    public async Task A_trusted_only_client_cannot_send_free_text_over_the_websocket_but_runs_registered_hashes()
    {
        var address = Listening((PersistedOperations.TrustedOnlyKey + ":0", Identity.OidcFlow.WebClient));
        var web = await SubscriptionTests<TApp>.SignInAsync(address, Admin); // a jlnb-web token
        var (status, overHttp) = await PostOnceAsync(web.Client.Http, new { query = "{ me { email } }" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([PersistedOperations.TrustedOnly], GraphClient.ErrorCodes(overHttp));

        using var socket = await SubscriptionSocket.OpenAsync(address);
        await socket.InitAsync(web.Token);
        var free = await AnswerAsync(socket, "free", new { query = "{ me { email } }" });
        Assert.Equal("error", free["type"]!.GetValue<string>());
        Assert.Equal([PersistedOperations.TrustedOnly], Codes(free["payload"]));
        var subscription = await AnswerAsync(socket, "watch",
            new { query = "subscription { leadChanged { lead { prospectName pan } } }" });
        Assert.Equal("error", subscription["type"]!.GetValue<string>());
        Assert.Equal([PersistedOperations.TrustedOnly], Codes(subscription["payload"]));

        // What the client may run over HTTP it may run over the socket, by its hash.
        var registered = await AnswerAsync(socket, "roles", new { extensions = Persisted(Sha256(Roles)) });
        Assert.Equal("next", registered["type"]!.GetValue<string>());
        Assert.Equal(3, registered["payload"]!["data"]!["roles"]!.AsArray().Count);
    }

    private static async Task<(HttpStatusCode, JsonNode)> PostOnceAsync(HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/graphql", body);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task A_batch_shares_one_cost_ceiling_so_ten_operations_cannot_cost_ten_times_the_limit()
    {
        var http = await InstanceAsync(Admin, (QueryLimits.MaxCostKey, "100"));
        const string page = "{ clients(first: 50) { edges { node { name } } } }"; // 1 + 50 = 51
        var single = await PostAsync(http, new { query = page });
        Assert.Empty(GraphClient.ErrorCodes(single));
        Assert.Equal(51, single["extensions"]!["cost"]!["requestedCost"]!.GetValue<int>());

        var response = await http.PostAsJsonAsync("/graphql", new[] { new { query = page }, new { query = page }, new { query = page } });
        var batch = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(3, batch.Count);
        Assert.Empty(GraphClient.ErrorCodes(batch[0]!));
        Assert.Equal(50, batch[0]!["data"]!["clients"]!["edges"]!.AsArray().Count);
        foreach (var refused in batch.Skip(1))
        {
            Assert.Equal(["COMPLEXITY"], GraphClient.ErrorCodes(refused!));
            Assert.Null(refused!["data"]);
            Assert.Equal((51, 100), (refused["extensions"]!["cost"]!["requestedCost"]!.GetValue<int>(),
                refused["extensions"]!["cost"]!["maxCost"]!.GetValue<int>()));
            Assert.Contains("the maximum allowed is 49 (what the batch's earlier operations left of 100)",
                refused["errors"]![0]!["message"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_trusted_only_client_cannot_slip_free_text_into_a_batch()
    {
        var http = await InstanceAsync(Admin, (PersistedOperations.TrustedOnlyKey + ":0", Identity.OidcFlow.WebClient));
        var response = await http.PostAsJsonAsync("/graphql",
            new object[] { new { extensions = Persisted(Sha256(Roles)) }, new { query = "{ me { email } }" } });
        var batch = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(3, batch[0]!["data"]!["roles"]!.AsArray().Count);
        Assert.Equal([PersistedOperations.TrustedOnly], GraphClient.ErrorCodes(batch[1]!));
        Assert.Null(batch[1]!["data"]);
    }

    [Fact]
    public async Task A_hash_one_user_registered_runs_as_whoever_sends_it()
    {
        const string count = "query CountMine { clients { totalCount } }";
        var admin = await InstanceAsync(Admin, (PersistedOperations.AutoRegisterKey, "true"));
        var adminCount = (await PostAsync(admin, new { query = count, extensions = Persisted(Sha256(count)) }))
            ["data"]!["clients"]!["totalCount"]!.GetValue<int>();

        // The same instance (the cache is per instance), called by a junior with only the hash the admin registered.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            { Content = JsonContent.Create(new { extensions = Persisted(Sha256(count)) }) };
        request.Headers.Authorization = new("Bearer", await app.TokenAsync(Priya));
        var answer = JsonNode.Parse(await (await admin.SendAsync(request)).Content.ReadAsStringAsync())!;
        var priyaCount = answer["data"]!["clients"]!["totalCount"]!.GetValue<int>();
        var own = (await app.ClientAs(Priya).DataAsync("{ clients(where: { assignedRm: { email: { eq: \"" + Priya + "\" } } }) { totalCount } }"))
            ["clients"]!["totalCount"]!.GetValue<int>();
        Assert.InRange(priyaCount, own, adminCount - 1);
        Assert.Equal((await app.ClientAs(Priya).DataAsync(count))["clients"]!["totalCount"]!.GetValue<int>(), priyaCount);
    }

    [Theory]
    [InlineData("https://evil.example", false)]
    [InlineData("null", false)]
    [InlineData(null, true)] // the page's own origin
    public async Task A_websocket_rides_on_the_sites_cookie_only_from_the_sites_own_origin(string? origin, bool signsIn)
    {
        var address = Listening();
        var cookies = new CookieContainer();
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = address };
        await Identity.OidcFlow.SignInAsync(browser, Priya, DemoDirectory.Password);
        Assert.NotEmpty(cookies.GetCookies(address));

        using var socket = await SubscriptionSocket.OpenAsync(address, options =>
        {
            options.Cookies = cookies;
            options.SetRequestHeader("Origin", origin ?? $"{address.Scheme}://{address.Authority}");
        });
        await socket.SendAsync(new { type = "connection_init" });
        if (signsIn)
        {
            Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
            var me = await AnswerAsync(socket, "me", new { query = "{ me { email } }" });
            Assert.Equal(Priya, me["payload"]!["data"]!["me"]!["email"]!.GetValue<string>());
        }
        else Assert.Equal(4403, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task Over_the_socket_the_cost_depth_and_admin_only_rules_hold_as_over_http()
    {
        var address = Listening((QueryLimits.MaxCostKey, "100"));
        var priya = await SubscriptionTests<TApp>.SignInAsync(address, Priya);
        using var socket = await SubscriptionSocket.OpenAsync(address);
        await socket.InitAsync(priya.Token);

        var costly = await AnswerAsync(socket, "costly", new { query = "{ clients(first: 100) { edges { node { name } } } }" });
        Assert.Equal("error", costly["type"]!.GetValue<string>());
        Assert.Equal(["COMPLEXITY"], Codes(costly["payload"]));

        var adminOnly = await AnswerAsync(socket, "admin-only", new { query = "{ users(first: 1) { edges { node { isActive } } } }" });
        Assert.Equal("error", adminOnly["type"]!.GetValue<string>());
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], Codes(adminOnly["payload"]));

        var inEvents = await AnswerAsync(socket, "in-events",
            new { query = "subscription { leadChanged { lead { refObtainedBy { isActive } } } }" });
        Assert.Equal("error", inEvents["type"]!.GetValue<string>());
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], Codes(inEvents["payload"]));

        var deep = "{ me { " + string.Concat(Enumerable.Repeat("team { members(first: 1) { items { ", 5)) + "name"
            + string.Concat(Enumerable.Repeat(" } } }", 5)) + " } }";
        var tooDeep = await AnswerAsync(socket, "deep", new { query = deep });
        Assert.Equal("error", tooDeep["type"]!.GetValue<string>());
        Assert.Contains(Codes(tooDeep["payload"]), c => c == "COMPLEXITY");
    }

    [Theory]
    [InlineData("{ clients(first: 1) { edges { node { assignedRm { isActive } } } } }")] // Client.assignedRm: User!
    [InlineData("{ leads(first: 1) { items { refObtainedBy { isActive } } } }")]
    [InlineData("{ leads(first: 1) { items { refObtainedBy { ...flag } } } } fragment flag on User { isActive }")]
    [InlineData("{ serviceRequests(first: 1) { items { client { assignedRm { ... on User { active: isActive } } } } } }")]
    public async Task An_admin_only_field_is_refused_under_every_parent_that_leads_to_it(string query)
    {
        var refused = await app.ClientAs(Priya).SendAsync(query);
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(refused));
        Assert.Null(refused["data"]);
        Assert.Empty(GraphClient.ErrorCodes(await app.Client().SendAsync(query)));
    }

    [Fact]
    public async Task Another_RMs_nested_lists_count_only_the_rows_the_reader_may_see()
    {
        const string query = "query($email: String) { users(where: { email: { eq: $email } }) { edges { node { "
            + "clients(first: 5) { totalCount items { name pan } } clientQueries(first: 5) { totalCount } } } } }";
        var asAdmin = (await app.Client().DataAsync(query, new { email = Amit }))["users"]!["edges"]![0]!["node"]!;
        Assert.True(asAdmin["clients"]!["totalCount"]!.GetValue<int>() > 0);

        var asPriya = (await app.ClientAs(Priya).DataAsync(query, new { email = Amit }))["users"]!["edges"]![0]!["node"]!;
        Assert.Equal(0, asPriya["clients"]!["totalCount"]!.GetValue<int>());
        Assert.Empty(asPriya["clients"]!["items"]!.AsArray());
        var queriesSheSees = (await app.ClientAs(Priya).DataAsync(
            "query($email: String) { clientQueries(where: { assignedRm: { email: { eq: $email } } }) { totalCount } }",
            new { email = Amit }))["clientQueries"]!["totalCount"]!.GetValue<int>();
        Assert.Equal(queriesSheSees, asPriya["clientQueries"]!["totalCount"]!.GetValue<int>());

        // Another parent's cursor names a place in an order, never a row: on her own list it reveals nothing more.
        var amitsCursor = (await app.Client().DataAsync(
            "query($email: String) { users(where: { email: { eq: $email } }) { edges { node { clients(first: 1) { pageInfo { endCursor } } } } } }",
            new { email = Amit }))["users"]!["edges"]![0]!["node"]!["clients"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        var after = (await app.ClientAs(Priya).DataAsync(
            "query($email: String, $after: String) { users(where: { email: { eq: $email } }) { edges { node { clients(first: 5, after: $after) { totalCount items { name } } } } } }",
            new { email = Amit, after = amitsCursor }))["users"]!["edges"]![0]!["node"]!["clients"]!;
        Assert.Equal(0, after["totalCount"]!.GetValue<int>());
        Assert.Empty(after["items"]!.AsArray());
    }

    [Fact]
    public async Task An_aggregate_matches_a_masked_pan_only_as_seen_and_its_key_objects_keep_admin_only_fields()
    {
        var farhan = app.ClientAs(Farhan);
        var masked = (await farhan.DataAsync(
            "{ clients(first: 1, where: { pan: { contains: \"*\" } }) { edges { node { databaseId pan } } } }"))
            ["clients"]!["edges"]![0]!["node"]!;
        var id = masked["databaseId"]!.GetValue<long>();
        var clear = (await app.Client().DataAsync("query($id: Long) { clients(where: { databaseId: { eq: $id } }) { edges { node { pan } } } }",
            new { id }))["clients"]!["edges"]![0]!["node"]!["pan"]!.GetValue<string>();
        Assert.NotEqual(clear, masked["pan"]!.GetValue<string>());

        async Task<int> CountAsync(object pan) =>
            (await farhan.DataAsync("query($id: Long, $pan: StringOperationFilterInput) { clientsAggregate(where: { databaseId: { eq: $id }, pan: $pan }) { count } }",
                new { id, pan }))["clientsAggregate"]!.AsArray().Sum(g => g!["count"]!.GetValue<int>());
        Assert.Equal(1, await CountAsync(new { eq = masked["pan"]!.GetValue<string>() }));
        Assert.Equal(0, await CountAsync(new { eq = clear }));
        Assert.Equal(0, await CountAsync(new { startsWith = clear[..9] }));
        Assert.Equal(await CountAsync(new { endsWith = clear[6..] }), await CountAsync(new { endsWith = "X" + clear[7..] }));

        var refused = await farhan.SendAsync("{ clientsAggregate(groupBy: [ASSIGNED_RM_ID]) { count key { assignedRm { isActive } } } }");
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(refused));
        var byAccount = await farhan.SendAsync("{ clientsAggregate(groupBy: [ACCOUNT_ID]) { count key { accountId } } }");
        Assert.Contains("AUTH_NOT_AUTHORIZED", GraphClient.ErrorCodes(byAccount));
    }
}

public sealed class PostgresAttackTests(PostgresGraphApp app) : AttackTests<PostgresGraphApp>(app);
public sealed class SqliteAttackTests(SqliteGraphApp app) : AttackTests<SqliteGraphApp>(app);

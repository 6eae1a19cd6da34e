using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// Cross-origin calls as a browser makes them: a preflight, then the request with its Origin. A listed origin
/// (<c>Crm:Cors:Origins</c>) is answered with credentials allowed; any other origin gets no CORS header.
/// </summary>
public abstract class CorsTests<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime where TApp : class, IGraphApp
{
    private readonly List<IAsyncDisposable> _instances = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
    }

    private const string Listed = "https://app.example";
    private const string Other = "https://evil.example";

    private HttpClient Instance(params string[] origins)
    {
        var instance = app.AnotherInstance(web =>
        {
            for (var i = 0; i < origins.Length; i++) web.UseSetting($"Crm:Cors:Origins:{i}", origins[i]);
        });
        _instances.Add(instance);
        return instance.CreateClient();
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient http, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        return http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient http, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{\"query\":\"{ products(first: 1) { totalCount } }\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", origin);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync("priya.nair@jlnb.in"));
        return await http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task A_listed_origin_gets_the_preflight_answered_and_may_send_credentials()
    {
        using var http = Instance(Listed, "https://ide.example/");
        var preflight = await PreflightAsync(http, Listed);
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Listed, Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(preflight, "Access-Control-Allow-Credentials"));
        Assert.Contains("POST", Header(preflight, "Access-Control-Allow-Methods"));
        Assert.Contains("authorization", Header(preflight, "Access-Control-Allow-Headers")!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("https://ide.example", Header(await PreflightAsync(http, "https://ide.example"), "Access-Control-Allow-Origin"));

        var post = await PostAsync(http, Listed);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("totalCount", await post.Content.ReadAsStringAsync());
        Assert.Equal(Listed, Header(post, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(post, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task An_unlisted_origin_gets_no_cors_header()
    {
        using var http = Instance(Listed);
        foreach (var response in new[] { await PreflightAsync(http, Other), await PostAsync(http, Other) })
        {
            Assert.Null(Header(response, "Access-Control-Allow-Origin"));
            Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        }
        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, (await PreflightAsync(http, Other)).StatusCode);
    }

    [Fact]
    public async Task Without_configured_origins_no_origin_is_answered_and_pages_stay_same_origin()
    {
        using var http = Instance();
        var preflight = await PreflightAsync(http, Listed);
        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Null(Header(await PostAsync(http, Listed), "Access-Control-Allow-Origin"));
        using var listed = Instance(Listed);
        var page = new HttpRequestMessage(HttpMethod.Get, "/health");
        page.Headers.Add("Origin", Listed);
        Assert.Null(Header(await listed.SendAsync(page), "Access-Control-Allow-Origin"));
    }
}

public sealed class PostgresCorsTests(PostgresGraphApp app) : CorsTests<PostgresGraphApp>(app);
public sealed class SqliteCorsTests(SqliteGraphApp app) : CorsTests<SqliteGraphApp>(app);

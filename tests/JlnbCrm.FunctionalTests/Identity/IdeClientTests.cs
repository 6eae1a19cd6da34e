using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.Graph.Identity;
using JlnbCrm.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace JlnbCrm.FunctionalTests.Identity;

/// <summary>
/// A GraphQL IDE signs in as README describes: the public client jlnb-ide, authorization code + PKCE to one of its
/// redirect URIs (Banana Cake Pop's web app by default, more by configuration), then calls /graphql with the token.
/// </summary>
public abstract class IdeClientTests<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime where TApp : class, IGraphApp
{
    private const string BananaCakePop = "https://eat.bananacakepop.com/";
    private readonly List<IAsyncDisposable> _instances = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
    }

    private static async Task<JsonNode> QueryAsync(HttpClient http, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ me { email } roles { name } }" }) };
        request.Headers.Authorization = new("Bearer", accessToken);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task The_ide_client_signs_in_with_code_and_pkce_and_its_token_calls_the_api()
    {
        var browser = app.Browser();
        var tokens = await OidcFlow.SignInAsync(browser, "priya.nair@jlnb.in", DemoDirectory.Password, OidcClients.Ide, BananaCakePop);
        Assert.NotNull(tokens.RefreshToken);

        var body = await QueryAsync(browser, tokens.AccessToken);
        Assert.Null(body["errors"]);
        Assert.Equal("priya.nair@jlnb.in", body["data"]!["me"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_redirect_uri_the_ide_client_does_not_have_is_refused_and_a_configured_one_is_accepted()
    {
        var refused = await app.Browser().GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = OidcClients.Ide, ["response_type"] = "code", ["redirect_uri"] = "https://evil.example/callback",
            ["scope"] = "openid crm_api", ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", ["code_challenge_method"] = "S256",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        const string altair = "http://localhost:4000/altair-callback";
        var instance = app.AnotherInstance(web =>
        {
            web.UseSetting(OidcClients.IdeRedirectUrisKey, altair);
            web.UseSetting("Crm:Cors:Origins:0", "https://eat.bananacakepop.com");
        });
        _instances.Add(instance);
        var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var tokens = await OidcFlow.SignInAsync(browser, "priya.nair@jlnb.in", DemoDirectory.Password, OidcClients.Ide, altair);
        Assert.Null((await QueryAsync(browser, tokens.AccessToken))["errors"]);

        // A browser-based IDE redeems the code from its own origin: the token endpoint answers a listed origin's preflight.
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/connect/token");
        preflight.Headers.Add("Origin", "https://eat.bananacakepop.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var answer = await browser.SendAsync(preflight);
        Assert.Equal("https://eat.bananacakepop.com", answer.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) ? origins.Single() : null);
    }
}

public sealed class PostgresIdeClientTests(PostgresGraphApp app) : IdeClientTests<PostgresGraphApp>(app);
public sealed class SqliteIdeClientTests(SqliteGraphApp app) : IdeClientTests<SqliteGraphApp>(app);

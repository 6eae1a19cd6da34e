using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace JlnbCrm.FunctionalTests.Hosting;

/// <summary>
/// Each limit reached by one caller, who gets 429 with Retry-After, while another caller goes on. The instance sits
/// behind a proxy on the same machine (a trusted one), so each caller is the address in X-Forwarded-For.
/// </summary>
public abstract class RateLimitTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Rohan = "rohan.mehta@jlnb.in", Priya = "priya.nair@jlnb.in", RateLimited = "RATE_LIMITED";

    private WebApplicationFactory<Program> Instance(string limit, int permits) => app.AnotherInstance(web =>
    {
        web.UseSetting("Crm:RateLimits:Enabled", "true");
        web.UseSetting($"Crm:RateLimits:{limit}:PermitLimit", permits.ToString());
        web.UseSetting($"Crm:RateLimits:{limit}:WindowSeconds", "600"); // no new window within a test
        web.ConfigureTestServices(services => services.AddTransient<IStartupFilter, BehindALocalProxy>());
    });

    private static HttpClient From(WebApplicationFactory<Program> host, string clientAddress)
    {
        var http = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return http;
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client_address()
    {
        await using var host = Instance("SignInPerIp", 3);
        var guesser = From(host, "192.0.2.10");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await TrySignInAsync(guesser, $"nobody{i}@jlnb.in", "wrong")).StatusCode);
        AssertRefused(await TrySignInAsync(guesser, "nobody3@jlnb.in", "wrong"));

        var someoneElse = await TrySignInAsync(From(host, "192.0.2.11"), Rohan, DemoDirectory.Password);
        Assert.Equal(HttpStatusCode.Redirect, someoneElse.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_account_whatever_the_address()
    {
        await using var host = Instance("SignInPerAccount", 2);
        Assert.Equal(HttpStatusCode.OK, (await TrySignInAsync(From(host, "192.0.2.20"), "Ghost@jlnb.in", "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TrySignInAsync(From(host, "192.0.2.21"), "ghost@jlnb.in", "wrong")).StatusCode);
        var third = From(host, "192.0.2.22");
        AssertRefused(await TrySignInAsync(third, "ghost@jlnb.in", "wrong"));

        Assert.Equal(HttpStatusCode.Redirect, (await TrySignInAsync(third, Rohan, DemoDirectory.Password)).StatusCode);
    }

    [Fact]
    public async Task Token_requests_are_limited_per_client_id_and_refused_in_oauths_shape()
    {
        await using var host = Instance("SignInPerAccount", 2);
        var guess = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "jlnb-reporting", ["client_secret"] = "a-guess",
            ["scope"] = "crm_api",
        };
        for (var i = 0; i < 2; i++)
        {
            var (status, _) = await OidcFlow.RequestTokenAsync(From(host, $"192.0.2.3{i}"), guess);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, status);
        }
        var refused = await From(host, "192.0.2.32").PostAsync("/connect/token", new FormUrlEncodedContent(guess));
        AssertRefused(refused);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("temporarily_unavailable", body["error"]!.GetValue<string>());

        var web = await OidcFlow.RequestTokenAsync(From(host, "192.0.2.32"), new()
            { ["grant_type"] = "client_credentials", ["client_id"] = "jlnb-web" });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, web.Status); // another client id
    }

    [Fact]
    public async Task GraphQL_spends_each_users_budget_by_the_cost_of_the_operation()
    {
        // 1 + 50 × (1 + (1 + 5)) = 351 a time (CostTests); two fit in a budget of 800, a third does not.
        const string Costly = "{ clients(first: 50) { edges { node { name interactions(first: 5) { items { details } } } } } }";
        await using var host = Instance("GraphQLCostPerUser", 800);
        var rohan = await ApiAsync(host, Rohan);
        for (var i = 0; i < 2; i++) Assert.Null((await AskAsync(rohan, Costly))["errors"]);
        var refused = await QueryAsync(rohan, Costly);
        AssertRefused(refused);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal("RATE_LIMITED", error["extensions"]!["code"]!.GetValue<string>());

        // A refused operation spent nothing: 97 are left, so a cheap one still runs; then that is all.
        var cheap = await QueryAsync(rohan, "{ me { email } }");
        Assert.Equal(HttpStatusCode.OK, cheap.StatusCode);
        Assert.Null(JsonNode.Parse(await cheap.Content.ReadAsStringAsync())!["errors"]);
        for (var i = 0; i < 96; i++) await QueryAsync(rohan, "{ __typename }");
        AssertRefused(await QueryAsync(rohan, "{ __typename }")); // on arrival, before it is even parsed

        var priya = await AskAsync(await ApiAsync(host, Priya), Costly); // same address, another user
        Assert.NotNull(priya["data"]!["clients"]);
        Assert.DoesNotContain(RateLimited, priya["errors"]?.AsArray().Select(e => e!["extensions"]?["code"]?.ToString()) ?? []);
    }

    [Fact]
    public async Task A_batch_pays_for_each_of_its_operations()
    {
        await using var host = Instance("GraphQLCostPerUser", 400);
        var rohan = await ApiAsync(host, Rohan);
        var costly = new { query = "{ clients(first: 50) { edges { node { name interactions(first: 5) { items { details } } } } } }" };
        var refused = await rohan.PostAsJsonAsync("/graphql", new[] { costly, costly });
        AssertRefused(refused);
        var answers = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!.AsArray();
        Assert.Null(answers[0]!["errors"]);
        Assert.Equal("RATE_LIMITED", answers[1]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pages_are_limited_per_signed_in_user()
    {
        await using var host = Instance("PagesPerUser", 3);
        var rohan = From(host, "192.0.2.40");
        await OidcFlow.SubmitSignInAsync(rohan, "/account/signin", Rohan, DemoDirectory.Password, expectSuccess: true);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await rohan.GetAsync("/")).StatusCode);
        AssertRefused(await rohan.GetAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await rohan.GetAsync("/health/ready")).StatusCode); // probes are never limited

        var priya = From(host, "192.0.2.41");
        await OidcFlow.SubmitSignInAsync(priya, "/account/signin", Priya, DemoDirectory.Password, expectSuccess: true);
        Assert.Equal(HttpStatusCode.OK, (await priya.GetAsync("/")).StatusCode);
    }

    private static Task<HttpResponseMessage> TrySignInAsync(HttpClient http, string email, string password) =>
        OidcFlow.SubmitSignInAsync(http, "/account/signin", email, password, expectSuccess: false);

    private async Task<HttpClient> ApiAsync(WebApplicationFactory<Program> host, string email)
    {
        var http = From(host, "192.0.2.50");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(email));
        return http;
    }

    private static Task<HttpResponseMessage> QueryAsync(HttpClient http, string query) =>
        http.PostAsJsonAsync("/graphql", new { query });

    private static async Task<JsonNode> AskAsync(HttpClient http, string query)
    {
        var response = await QueryAsync(http, query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static void AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 600);
    }

    /// <summary>TestServer reports no peer: this one is a proxy on the same machine, which the app trusts.</summary>
    private sealed class BehindALocalProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((http, following) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Loopback;
                return following(http);
            });
            next(builder);
        };
    }
}

public sealed class PostgresRateLimitTests(PostgresGraphApp app) : RateLimitTests<PostgresGraphApp>(app);
public sealed class SqliteRateLimitTests(SqliteGraphApp app) : RateLimitTests<SqliteGraphApp>(app);

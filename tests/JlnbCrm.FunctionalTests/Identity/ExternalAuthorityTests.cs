using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Graph;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JlnbCrm.FunctionalTests.Identity;

/// <summary>
/// The CRM pointed at an outside OpenID provider by configuration alone: the pages sign in there, the API
/// takes its tokens, and people are matched to CRM users by email. Also: the embedded provider's keys
/// outlive a restart.
/// </summary>
public sealed class ExternalAuthorityTests(PostgresGraphApp app) : IClassFixture<PostgresGraphApp>, IAsyncLifetime
{
    // TestServer's address: where the provider sends the browser back to.
    private const string CrmCallback = "http://localhost/signin-oidc";

    private StandInProvider _provider = null!;
    private WebApplicationFactory<Program> _crm = null!;

    public async Task InitializeAsync()
    {
        _provider = await StandInProvider.StartAsync(CrmCallback);
        _crm = app.AnotherInstance(web =>
        {
            web.UseSetting("Crm:Oidc:External:Authority", _provider.Authority);
            web.UseSetting("Crm:Oidc:External:ClientId", StandInProvider.ClientId);
            web.UseSetting("Crm:Oidc:External:ClientSecret", StandInProvider.ClientSecret);
            web.UseSetting("Crm:Oidc:External:Audience", StandInProvider.Audience);
            web.UseSetting("Crm:Oidc:External:DisplayName", "Supabase Auth");
        });
    }

    [Fact]
    public async Task The_pages_sign_in_at_the_external_provider_as_the_crm_user_with_that_email()
    {
        _provider.SignedInEmail = "Priya.Nair@jlnb.in";
        var browser = Browser();
        var landed = await SignInRoundTripAsync(browser);
        Assert.True(landed.OriginalString == "/", await browser.GetStringAsync(landed));

        var me = await browser.PostAsJsonAsync("/graphql", new { query = "{ me { email } }" });
        var text = await me.Content.ReadAsStringAsync();
        Assert.True(me.IsSuccessStatusCode, text);
        Assert.Equal("priya.nair@jlnb.in", JsonNode.Parse(text)!["data"]!["me"]!["email"]!.GetValue<string>());
        Assert.Contains("Priya Nair", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task Someone_the_crm_does_not_know_is_refused_with_a_page_that_says_why()
    {
        _provider.SignedInEmail = "stranger@example.com";
        var browser = Browser();
        var landed = await SignInRoundTripAsync(browser);
        Assert.Equal("/account/refused", landed.OriginalString);
        var page = await browser.GetStringAsync("/account/refused");
        Assert.Contains("No CRM user has the email stranger@example.com", page);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_api_takes_the_providers_tokens_for_active_crm_users_and_refuses_the_rest()
    {
        var crm = new GraphClient(WithBearer(await ProviderTokenAsync("rohan.mehta@jlnb.in")));
        Assert.Equal("rohan.mehta@jlnb.in", (await crm.DataAsync("{ me { email } }"))["me"]!["email"]!.GetValue<string>());

        var stranger = await WithBearer(await ProviderTokenAsync("stranger@example.com")).PostAsJsonAsync("/graphql", new { query = "{ me { email } }" });
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Contains("No CRM user has the email stranger@example.com", await stranger.Content.ReadAsStringAsync());

        // The embedded provider's tokens (integrations, existing sessions) keep working beside it.
        var embedded = new GraphClient(WithBearer(await app.TokenAsync(GraphApp<Databases.PostgresDatabase>.Admin)));
        Assert.Equal("admin@jlnb.in", (await embedded.DataAsync("{ me { email } }"))["me"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deactivated_users_external_token_is_refused()
    {
        var admin = app.Client();
        var created = await admin.MutateAsync("mutation($input: CreateUserInput!) { createUser(input: $input) { user { databaseId version } errors { code message field } } }",
            "createUser", new { name = "Temp Contractor", email = "temp.contractor@jlnb.in", password = "Contract@2026", role = "EXECUTIVE", teamId = 1 });
        var token = await ProviderTokenAsync("temp.contractor@jlnb.in");
        Assert.Equal(HttpStatusCode.OK, (await WithBearer(token).PostAsJsonAsync("/graphql", new { query = "{ me { email } }" })).StatusCode);

        await admin.MutateAsync("mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { databaseId } errors { code message field } } }",
            "deactivateUser", new { id = created["user"]!["databaseId"]!.GetValue<long>(), version = created["user"]!["version"]!.GetValue<long>() });
        var refused = await WithBearer(token).PostAsJsonAsync("/graphql", new { query = "{ me { email } }" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("deactivated", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tokens_and_refresh_tokens_outlive_a_restart_because_the_signing_keys_are_kept()
    {
        var tokens = await OidcFlow.SignInAsync(app.Browser(), "divya.reddy@jlnb.in", Seeding.DemoDirectory.Password);
        await using var restarted = app.AnotherInstance();
        var http = restarted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        Assert.Equal("divya.reddy@jlnb.in", (await new GraphClient(http).DataAsync("{ me { email } }"))["me"]!["email"]!.GetValue<string>());
        var refreshed = await OidcFlow.RefreshAsync(restarted.CreateClient(), tokens.RefreshToken!);
        Assert.False(string.IsNullOrEmpty(refreshed.AccessToken));
    }

    /// <summary>
    /// Sign-in page → provider's authorize endpoint (which signs the named person in) → back to the CRM's
    /// callback; returns where the CRM sends the browser after that.
    /// </summary>
    private async Task<Uri> SignInRoundTripAsync(HttpClient browser)
    {
        var toProvider = await browser.GetAsync("/account/signin?ReturnUrl=%2F");
        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        Assert.StartsWith(_provider.Authority, toProvider.Headers.Location!.ToString());

        using var atProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = await atProvider.GetAsync(toProvider.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.StartsWith(CrmCallback, back.Headers.Location!.ToString());

        var callback = await browser.GetAsync(back.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return callback.Headers.Location!;
    }

    private async Task<string> ProviderTokenAsync(string email)
    {
        using var http = new HttpClient();
        var response = await http.PostAsync(new Uri(new Uri(_provider.Authority), "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = email, ["password"] = "(checked by the provider)",
            ["client_id"] = StandInProvider.ClientId, ["client_secret"] = StandInProvider.ClientSecret, ["scope"] = "openid email",
        }));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["access_token"]!.GetValue<string>();
    }

    private HttpClient Browser() => _crm.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private HttpClient WithBearer(string token)
    {
        var http = _crm.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async Task DisposeAsync()
    {
        await _crm.DisposeAsync();
        await _provider.DisposeAsync();
    }
}

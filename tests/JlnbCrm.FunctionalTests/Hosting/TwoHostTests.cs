using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JlnbCrm.Database;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Graph.Identity;
using JlnbCrm.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Hosting;

/// <summary>
/// Two instances of the host behind one load balancer: the same database, each its own data folder (on PostgreSQL;
/// the embedded store's folder is its database) and its own keys folder, the OpenID keys from configuration. One
/// browser's cookies go to whichever instance the balancer picks: what one instance issued, the other accepts, and
/// so does the first after a restart.
/// </summary>
public abstract partial class TwoHostTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Email = "rohan.mehta@jlnb.in";
    private static readonly string SigningKey = NewKey(), EncryptionKey = NewKey();
    private readonly string _folder = Directory.CreateTempSubdirectory("jlnb-two-hosts-").FullName;

    [GeneratedRegex(
        "<form[^>]*data-testid=\"sign-out\"[^>]*>.*?name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"",
        RegexOptions.Singleline)]
    private static partial Regex SignOutToken();

    [GeneratedRegex("<form[^>]*data-testid=\"sign-out\"[^>]*>")]
    private static partial Regex SignOutForm();

    [GeneratedRegex("action=\"([^\"]+)\"")]
    private static partial Regex Action();

    [Fact]
    public async Task Cookies_forms_and_tokens_issued_by_one_instance_work_on_the_other_and_after_a_restart()
    {
        var a = Instance("a");
        await using var b = Instance("b");
        var cookies = new CookieContainer(); // one browser, two instances
        try
        {
            // Signed in on A (its form, its cookie): B knows the session.
            await OidcFlow.SubmitSignInAsync(Browser(a, cookies), "/account/signin", Email, DemoDirectory.Password,
                expectSuccess: true);
            Assert.Equal(HttpStatusCode.OK, (await Browser(b, cookies).GetAsync("/")).StatusCode);

            // A front end's tokens from A: B accepts the access token and redeems the refresh token.
            var tokens = await OidcFlow.SignInAsync(Browser(a, new CookieContainer()), Email, DemoDirectory.Password);
            Assert.Equal(Email, await MeAsync(b, tokens.AccessToken));
            var refreshed = await OidcFlow.RefreshAsync(b.CreateClient(), tokens.RefreshToken!);
            Assert.Equal(Email, await MeAsync(a, refreshed.AccessToken));

            // The key ring is in the database, not in a folder of one of them.
            await using (var db = app.Db.Open()) Assert.True(await db.DataProtectionKeys.AnyAsync());

            // A restarts: the cookie and the token it issued before still work.
            await a.DisposeAsync();
            a = Instance("a");
            Assert.Equal(HttpStatusCode.OK, (await Browser(a, cookies).GetAsync("/")).StatusCode);
            Assert.Equal(Email, await MeAsync(a, tokens.AccessToken));

            // A form (the navbar's sign-out, with its anti-forgery token) rendered by A is posted to B: it is
            // accepted, and the session it ends is ended on A too.
            var page = await (await Browser(a, cookies).GetAsync("/")).Content.ReadAsStringAsync();
            var action = WebUtility.HtmlDecode(Action().Match(SignOutForm().Match(page).Value).Groups[1].Value);
            var token = WebUtility.HtmlDecode(SignOutToken().Match(page).Groups[1].Value);
            Assert.NotEmpty(token);
            var signOut = await Browser(b, cookies).PostAsync(action,
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            var afterSignOut = await Browser(a, cookies).GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
            Assert.Contains("/account/signin", afterSignOut.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await a.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_instance_configured_with_other_signing_keys_rejects_the_tokens()
    {
        await using var a = Instance("a");
        await using var stranger = Instance("stranger", signingKey: NewKey());
        var tokens = await OidcFlow.SignInAsync(Browser(a, new CookieContainer()), Email, DemoDirectory.Password);
        var http = stranger.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var response = await http.PostAsJsonAsync("/graphql", new { query = "{ me { email } }" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_a_server_without_configured_keys_refuses_to_start_naming_the_settings()
    {
        await using var host = app.AnotherInstance(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Crm:Oidc:KeysPath", ""); // as an empty environment variable: not set
            web.UseSetting("Crm:Oidc:Integrations:jlnb-reporting:Secret", "a-secret-of-our-own-" + Guid.NewGuid());
            web.UseSetting("Crm:Oidc:AllowHttp", "true");
        });
        var refusal = Assert.Throws<InvalidOperationException>(() => host.CreateClient());
        Assert.Equal(SigningKeys.MissingMessage, refusal.Message);
        Assert.Contains("Crm:Oidc:SigningKey", refusal.Message);
    }

    /// <summary>An instance with its own data and keys folders and the shared configured keys.</summary>
    private WebApplicationFactory<Program> Instance(string name, string? signingKey = null) => app.AnotherInstance(web =>
    {
        web.UseSetting("Crm:Oidc:SigningKey", signingKey ?? SigningKey);
        web.UseSetting("Crm:Oidc:EncryptionKey", EncryptionKey);
        // Were the keys read from this folder, each instance would make its own and reject the other's tokens.
        web.UseSetting("Crm:Oidc:KeysPath", Path.Combine(_folder, name, "oidc-keys"));
        if (app.Db.Store.Provider == CrmProvider.Postgres) web.UseSetting("Crm:DataFolder", Path.Combine(_folder, name, "data"));
    });

    /// <summary>The browser's requests to one instance: its cookies are the browser's, whichever instance set them.</summary>
    private static HttpClient Browser(WebApplicationFactory<Program> host, CookieContainer cookies) =>
        host.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    private static async Task<string?> MeAsync(WebApplicationFactory<Program> host, string accessToken)
    {
        var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await http.PostAsJsonAsync("/graphql", new { query = "{ me { email } }" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body["data"]?["me"]?["email"]?.GetValue<string>();
    }

    private static string NewKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }
}

public sealed class PostgresTwoHostTests(PostgresGraphApp app) : TwoHostTests<PostgresGraphApp>(app);
public sealed class SqliteTwoHostTests(SqliteGraphApp app) : TwoHostTests<SqliteGraphApp>(app);

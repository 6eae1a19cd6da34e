using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace JlnbCrm.FunctionalTests.Hardening;

/// <summary>What a browser and an attacker see of the running host: headers, sign-in refusals, PKCE.</summary>
public abstract class HardeningTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    [Theory]
    [InlineData("/account/signin")]            // a page
    [InlineData("/graphql?query=%7B__typename%7D")] // the API
    [InlineData("/graphql/ui")]                // the IDE (both signed in below)
    [InlineData("/site/site.css")]             // a static file
    [InlineData("/lib/graphiql/graphiql.min.js")]
    public async Task Every_response_carries_the_browser_hardening_headers(string path)
    {
        var http = app.Browser();
        if (path.StartsWith("/graphql")) await OidcFlow.SubmitSignInAsync(http, "/account/signin", "rohan.mehta@jlnb.in", Seeding.DemoDirectory.Password, expectSuccess: true);
        var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task An_unknown_email_and_a_locked_real_account_get_the_same_message()
    {
        var http = app.Browser();
        const string real = "vikram.singh@jlnb.in";
        for (var i = 0; i < Users.User.MaxFailedSignIns; i++)
            await OidcFlow.SubmitSignInAsync(http, "/account/signin", real, "wrong-password-" + i, expectSuccess: false);

        var (locked, _) = await RefusalAsync(http, real, Seeding.DemoDirectory.Password); // even the right password
        var (unknown, _) = await RefusalAsync(http, "nobody.here@jlnb.in", Seeding.DemoDirectory.Password);
        Assert.Equal(unknown, locked);
        Assert.Contains("locked", locked); // whoever is locked out still learns why it may be
    }

    [Fact]
    public async Task An_unknown_email_costs_the_server_a_password_check_like_a_real_account()
    {
        // Counted, not timed: answering an unknown email without checking a hash would be faster, and tell who has
        // an account. Other tests may sign in meanwhile, so each refusal must add at least one check.
        long checks = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Users.Passwords.MeterName && instrument.Name == Users.Passwords.ChecksCounter)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref checks, value));
        listener.Start();
        var http = app.Browser();
        foreach (var email in new[] { "nobody.else@jlnb.in", "amit.verma@jlnb.in" })
        {
            var before = Interlocked.Read(ref checks);
            await RefusalAsync(http, email, "wrong-password");
            Assert.True(Interlocked.Read(ref checks) > before, $"signing in as {email} checked no password hash");
        }
    }

    [Fact]
    public async Task A_plain_pkce_challenge_is_refused_and_s256_is_the_only_method_offered()
    {
        var http = app.Browser();
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", "rohan.mehta@jlnb.in", Seeding.DemoDirectory.Password, expectSuccess: true);
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = OidcFlow.WebClient, ["response_type"] = "code", ["redirect_uri"] = OidcFlow.RedirectUri,
            ["scope"] = "openid crm_api", ["state"] = "s1", ["code_challenge"] = verifier, ["code_challenge_method"] = "plain",
        });
        var response = await http.GetAsync(authorize);
        // Refused outright: no code is issued.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var error = await response.Content.ReadAsStringAsync();
        Assert.Contains("error:invalid_request", error);
        Assert.Contains("'code_challenge_method' is not supported", error);

        var discovery = await http.GetStringAsync("/.well-known/openid-configuration");
        Assert.Contains("\"code_challenge_methods_supported\":[\"S256\"]", discovery.Replace(" ", "").Replace("\n", ""));
    }

    /// <summary>Posts the sign-in form (expecting a refusal): the message shown and how long the server took.</summary>
    private static async Task<(string Message, TimeSpan Time)> RefusalAsync(HttpClient http, string email, string password)
    {
        var form = await http.GetStringAsync("/account/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        var clock = Stopwatch.StartNew();
        var page = await http.PostAsync("/account/signin", body);
        clock.Stop();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var start = html.IndexOf("data-testid=\"signin-error\"", StringComparison.Ordinal);
        var message = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html[start..], "<li>(.*?)</li>").Groups[1].Value);
        Assert.NotEmpty(message);
        return (message, clock.Elapsed);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : "";
}

public sealed class PostgresHardeningTests(PostgresGraphApp app) : HardeningTests<PostgresGraphApp>(app);
public sealed class SqliteHardeningTests(SqliteGraphApp app) : HardeningTests<SqliteGraphApp>(app);

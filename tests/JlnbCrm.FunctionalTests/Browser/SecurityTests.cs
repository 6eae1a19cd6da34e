using System.Net;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>Signing out really ends the session, and the site and the IDE work under the Content-Security-Policy.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityTests(BrowserApp app)
{
    [Fact]
    public async Task After_sign_out_a_copy_of_the_old_cookie_opens_neither_pages_nor_the_api()
    {
        var page = await app.SignInAsync("kavita.sharma@jlnb.in");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "jlnb.crm");
        using var copy = Replaying(cookie.Value);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/clients")).StatusCode); // the copy works while signed in
        Assert.Equal(HttpStatusCode.OK, (await copy.PostAsync("/graphql", MeQuery())).StatusCode);

        await page.GetByTestId("sign-out").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out." })).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "jlnb.crm");

        var pages = await copy.GetAsync("/clients");
        Assert.Equal(HttpStatusCode.Redirect, pages.StatusCode);
        Assert.Contains("/account/signin", pages.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.PostAsync("/graphql", MeQuery())).StatusCode);
        // The browser that signed out is signed out too.
        await page.GotoAsync("/clients");
        await Assertions.Expect(page).ToHaveURLAsync(Staff.Path("/account/signin"));
    }

    [Fact]
    public async Task The_provider_end_session_endpoint_revokes_the_session_as_well()
    {
        var page = await app.SignInAsync("arjun.rao@jlnb.in");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "jlnb.crm");
        await page.GotoAsync("/connect/endsession");
        using var copy = Replaying(cookie.Value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.PostAsync("/graphql", MeQuery())).StatusCode);
    }

    [Fact]
    public async Task The_site_and_the_ide_work_under_the_content_security_policy_without_violations()
    {
        var page = await app.SignInAsync("rohan.mehta@jlnb.in");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        foreach (var path in new[] { "/", "/clients", "/leads/new", "/admin/products", "/queries" })
        {
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy") ?? "");
        }
        // The dashboard's charts are drawn by a script file (a canvas per chart).
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("canvas").First).ToBeVisibleAsync();
        // Client-side validation (jQuery, from files) still answers before the server does.
        await page.GotoAsync("/leads/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-validation-error").First).ToBeVisibleAsync();

        await page.GotoAsync("/graphql/ui");
        await page.Locator(".graphiql-execute-button").ClickAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".result-window")).ToContainTextAsync("totalCount", new() { Timeout = 20_000 });
        Assert.Empty(violations);
    }

    /// <summary>An HTTP client that is not the browser, sending only the captured cookie.</summary>
    private HttpClient Replaying(string cookie)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add("Cookie", "jlnb.crm=" + cookie);
        return http;
    }

    private static StringContent MeQuery() => new("{\"query\":\"{ me { email } }\"}", System.Text.Encoding.UTF8, "application/json");
}

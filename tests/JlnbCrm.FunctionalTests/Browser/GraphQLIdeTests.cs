using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class GraphQLIdeTests(BrowserApp app)
{
    [Fact]
    public async Task The_ide_loads_from_the_apps_own_files_runs_a_query_and_shows_the_schema_docs()
    {
        var page = await app.NewPageAsync();
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseAddress.GetLeftPart(UriPartial.Authority)) && !request.Url.StartsWith("data:"))
                foreign.Add(request.Url);
        };
        await page.GotoAsync("/graphql/ui");
        // Not signed in yet: the IDE sends you to the sign-in page and back.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await page.GetByLabel("Email").FillAsync("rohan.mehta@jlnb.in");
        await page.GetByLabel("Password").FillAsync(Seeding.DemoDirectory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/graphql/ui$"));
        var run = page.Locator(".graphiql-execute-button");
        await run.WaitForAsync(new() { Timeout = 20_000 });
        await run.ClickAsync();
        var result = page.Locator(".result-window");
        await Assertions.Expect(result).ToContainTextAsync("totalCount", new() { Timeout = 20_000 });
        await Assertions.Expect(result).ToContainTextAsync("assignedRm");
        Assert.DoesNotContain("\"errors\"", await result.InnerTextAsync());

        // The headers editor (for Authorization: Bearer …) is offered.
        await Assertions.Expect(page.GetByText("Headers", new() { Exact = true })).ToBeVisibleAsync();

        await page.Locator("button[aria-label='Show Documentation Explorer']").ClickAsync();
        await Assertions.Expect(page.Locator(".graphiql-doc-explorer")).ToContainTextAsync("Query");
        await BrowserApp.ScreenshotAsync(page, "graphql-ide");
        Assert.Empty(foreign);
    }
}

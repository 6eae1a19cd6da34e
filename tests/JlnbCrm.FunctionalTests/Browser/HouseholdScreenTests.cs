using JlnbCrm.FunctionalTests.Databases;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// Households on the site: an RM starts one from a client's profile, adds a second client, reads the roll-up and
/// finds it in the households list; a blank name is refused beside the field; another team's junior gets 404.
/// Names carry a fresh suffix: each provider's site is shared by its collection's classes.
/// </summary>
public abstract class HouseholdScreenTests<TApp>(TApp app) where TApp : BrowserApp
{
    [Fact]
    public async Task An_RM_starts_a_household_adds_a_member_and_reads_its_roll_up_and_outsiders_cannot_open_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var page = await app.SignInAsync("priya.nair@jlnb.in");
        var head = await NewClientAsync(page, $"Vivek Malhotra {suffix}");
        var spouse = await NewClientAsync(page, $"Asha Malhotra {suffix}");

        await page.GotoAsync(head);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start household" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Family.Name']")).ToContainTextAsync("required");
        await page.GetByLabel("New household's name").FillAsync($"Malhotra Family {suffix}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start household" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("household-name")).ToHaveTextAsync($"Malhotra Family {suffix}");
        var household = page.Url;

        await page.GotoAsync(spouse);
        await page.GetByLabel("Join a household")
            .SelectOptionAsync(new SelectOptionValue { Label = $"Malhotra Family {suffix}" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("household-link")).ToHaveTextAsync($"Malhotra Family {suffix}");
        await page.GetByTestId("household-link").ClickAsync();

        await Assertions.Expect(page.GetByTestId("household-head")).ToHaveTextAsync($"Vivek Malhotra {suffix}");
        await Assertions.Expect(page.GetByTestId("members").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("members")).ToContainTextAsync($"Asha Malhotra {suffix}");
        await app.ScreenshotOnceAsync(page, "household");

        await page.GotoAsync($"/households?q={suffix}");
        await Assertions.Expect(page.GetByTestId("households").Locator("tbody tr")).ToHaveCountAsync(1);
        await page.GetByTestId("households").GetByRole(AriaRole.Link, new() { Name = "2", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("clients").Locator("tbody tr")).ToHaveCountAsync(2);

        // Amit (Delhi) sees none of it: the household page is not found and the list does not show it.
        var amit = await app.SignInAsync("amit.verma@jlnb.in");
        var response = await amit.APIRequest.GetAsync(household); // his own session
        Assert.Equal(404, response.Status);
        await amit.GotoAsync($"/households?q={suffix}");
        await Assertions.Expect(amit.GetByTestId("households")).ToContainTextAsync("No households match.");
    }

    private static async Task<string> NewClientAsync(IPage page, string name)
    {
        await page.GotoAsync("/clients/edit");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("PAN", new() { Exact = true }).FillAsync(TestData.NewPan());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-name")).ToHaveTextAsync(name);
        return new Uri(page.Url).PathAndQuery;
    }
}

[Collection(BrowserCollection.Name)]
public sealed class PostgresHouseholdScreenTests(BrowserApp app) : HouseholdScreenTests<BrowserApp>(app);

[Collection(SqliteBrowserCollection.Name)]
public sealed class SqliteHouseholdScreenTests(SqliteBrowserApp app) : HouseholdScreenTests<SqliteBrowserApp>(app);

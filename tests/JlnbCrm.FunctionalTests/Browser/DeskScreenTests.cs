using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// /admin/desks and a team's kind: an administrator makes a new team a desk, routes a request type to it and makes
/// it the default desk; the domain's refusal appears beside the field; everyone else gets the 403 page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskScreenTests(BrowserApp app)
{
    private const string KycDesk = "Operations — KYC & Onboarding";
    private const string TransactionsDesk = "Operations — Transactions";

    [Fact]
    public async Task An_admin_makes_a_team_a_desk_routes_a_type_to_it_and_makes_it_the_default()
    {
        var page = await app.SignInAsync("admin@jlnb.in");
        var desk = $"Operations — Pune {Guid.NewGuid():N}"[..26];
        await page.GotoAsync("/admin/teams");
        await page.GetByLabel("New team").FillAsync(desk);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create team" }).ClickAsync();
        await page.GetByTestId("teams").GetByRole(AriaRole.Link, new() { Name = desk }).ClickAsync();
        await SetKindAsync(page, "Operations");
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("Team kind changed to Operations");

        await page.GetByRole(AriaRole.Button, new() { Name = "Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Desks" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Desks");
        await RouteAsync(page, "Switch", desk);
        await Assertions.Expect(page.GetByTestId("flash")).ToHaveTextAsync($"New Switch requests go to {desk}.");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Desk for Switch").Locator("option:checked")).ToHaveTextAsync(desk);

        await DefaultAsync(page, desk);
        await Assertions.Expect(page.GetByTestId("flash")).ToHaveTextAsync($"{desk} is the default desk.");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Default desk" }).Locator("option:checked")).ToHaveTextAsync(desk);
        await BrowserApp.ScreenshotAsync(page, "admin-desks");

        // A desk that still receives work keeps its kind: the refusal shows beside the field.
        await page.GotoAsync("/admin/teams");
        await page.GetByTestId("teams").GetByRole(AriaRole.Link, new() { Name = desk }).ClickAsync();
        await SetKindAsync(page, "Relationship");
        await Assertions.Expect(page.Locator("[data-valmsg-for='Kind']")).ToContainTextAsync("stays an operations team");
        var teamUrl = page.Url;

        // Put the demo routing back (other browser tests raise requests), then the team can be an RM team again.
        await page.GotoAsync("/admin/desks");
        await DefaultAsync(page, KycDesk);
        await Assertions.Expect(page.GetByTestId("flash")).ToHaveTextAsync($"{KycDesk} is the default desk.");
        await RouteAsync(page, "Switch", TransactionsDesk);
        await Assertions.Expect(page.GetByTestId("flash")).ToHaveTextAsync($"New Switch requests go to {TransactionsDesk}.");
        await page.GotoAsync(teamUrl);
        await SetKindAsync(page, "Relationship");
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("Team kind changed to Relationship");
    }

    [Theory]
    [InlineData("priya.nair@jlnb.in")]
    [InlineData("meera.pillai@jlnb.in")]
    public async Task Others_get_the_403_page(string email)
    {
        var page = await app.SignInAsync(email);
        var response = await page.GotoAsync("/admin/desks");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByTestId("denied")).ToContainTextAsync("your role may not open");
    }

    private static async Task SetKindAsync(IPage page, string kind)
    {
        var form = page.GetByTestId("team-kind");
        await form.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await form.GetByRole(AriaRole.Button, new() { Name = "Change kind" }).ClickAsync();
    }

    private static async Task RouteAsync(IPage page, string type, string desk)
    {
        await page.GetByLabel($"Desk for {type}").SelectOptionAsync(new SelectOptionValue { Label = desk });
        await page.GetByTestId("routes").Locator("tr", new() { Has = page.GetByLabel($"Desk for {type}") })
            .GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }

    private static async Task DefaultAsync(IPage page, string desk)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Default desk" }).SelectOptionAsync(new SelectOptionValue { Label = desk });
        await page.GetByTestId("default-desk").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }
}

using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>The admin screens work for administrators and are refused to everyone else.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminScreenTests(BrowserApp app)
{
    [Theory]
    [InlineData("rohan.mehta@jlnb.in")]
    [InlineData("priya.nair@jlnb.in")]
    public async Task Other_roles_are_refused_every_admin_screen(string email)
    {
        var page = await app.SignInAsync(email);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Admin" })).ToHaveCountAsync(0);
        foreach (var path in new[] { "/admin/users", "/admin/teams", "/admin/products", "/admin/roles", "/admin/audit", "/admin/users/1" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Assertions.Expect(page.GetByTestId("denied")).ToContainTextAsync("your role may not open");
        }
    }

    [Fact]
    public async Task An_admin_adds_a_user_changes_their_team_and_deactivates_them_and_the_audit_log_shows_it()
    {
        var page = await app.SignInAsync("admin@jlnb.in");
        await page.GotoAsync("/admin/users");
        var email = $"new.rm.{Guid.NewGuid():N}"[..16] + "@jlnb.in";
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nisha Bose");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("First password").FillAsync("Welcome@2026");
        await page.SelectAsync("Role", "Ops Exec/Junior RM");
        await page.SelectAsync("Team", "Mumbai Wealth");
        await BrowserApp.ScreenshotAsync(page, "admin-users");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("Nisha Bose can now sign in");

        await page.SelectAsync("Team", "Delhi Private Clients");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToHaveTextAsync("Role and team saved.");
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync(); // deactivating and retiring ask first
        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Deactivated");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("is_active: true → false");

        await page.GotoAsync("/admin/audit?entity=users");
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync(email);
        await BrowserApp.ScreenshotAsync(page, "admin-audit");

        await page.GotoAsync("/admin/roles");
        await Assertions.Expect(page.GetByTestId("permission-matrix").First).ToContainTextAsync("Service requests");
        await BrowserApp.ScreenshotAsync(page, "admin-roles");
    }

    [Fact]
    public async Task An_admin_retires_a_product_and_it_is_no_longer_offered_for_new_references()
    {
        var page = await app.SignInAsync("admin@jlnb.in");
        await page.GotoAsync("/admin/products");
        var name = $"Gold ETF {Guid.NewGuid():N}"[..16];
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.SelectAsync("Category", "Equity");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var row = page.GetByTestId("products").Locator("tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("On sale");
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync(); // retiring asks first
        await row.GetByRole(AriaRole.Button, new() { Name = "Retire" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Retired");
        await page.GotoAsync("/leads/new");
        await Assertions.Expect(page.GetByLabel("Product of interest").Locator("option", new() { HasText = name })).ToHaveCountAsync(0);
    }
}

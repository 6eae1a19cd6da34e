using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// /admin/service-levels: an administrator changes a turnaround target and keeps the holiday list (removing asks
/// first); the domain's refusals appear beside the field; everyone else gets the 403 page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ServiceLevelScreenTests(BrowserApp app)
{
    [Fact]
    public async Task An_admin_changes_a_target_and_adds_and_removes_a_holiday()
    {
        var page = await app.SignInAsync("admin@jlnb.in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Service levels" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Service levels");

        var original = await page.GetByLabel("Working days for KYC Update").InputValueAsync();
        await SaveKycTargetAsync(page, "0");
        await Assertions.Expect(page.GetByTestId("target-error")).ToContainTextAsync("between 1 and 60 working days");
        await Assertions.Expect(page.GetByLabel("Working days for KYC Update")).ToHaveValueAsync("0");

        var changed = original == "7" ? "8" : "7";
        await SaveKycTargetAsync(page, changed);
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync($"KYC Update: {changed} working day(s)");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Working days for KYC Update")).ToHaveValueAsync(changed);

        // A date far ahead, so no other test's clock meets it.
        var date = new DateOnly(2090, 1, 1).AddDays(Random.Shared.Next(3000));
        var name = $"Founders' Day {Guid.NewGuid():N}"[..20];
        await AddHolidayAsync(page, date, name);
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync($"{name} ({date:ddd d MMM yyyy}) is a holiday");
        var row = page.GetByTestId("holidays").Locator("tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync(date.ToString("ddd d MMM yyyy"));

        await AddHolidayAsync(page, date, "The same day again");
        await Assertions.Expect(page.Locator("[data-valmsg-for='NewHoliday.Date']")).ToContainTextAsync("is already a holiday");
        await BrowserApp.ScreenshotAsync(page, "admin-service-levels");

        string? asked = null;
        void Dismiss(object? _, IDialog dialog) { asked = dialog.Message; _ = dialog.DismissAsync(); }
        page.Dialog += Dismiss;
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        page.Dialog -= Dismiss;
        Assert.Contains($"Remove {name}", asked);
        await Assertions.Expect(row).ToHaveCountAsync(1);

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash"))
            .ToContainTextAsync($"{name} ({date:ddd d MMM yyyy}) is no longer a holiday");
        await Assertions.Expect(row).ToHaveCountAsync(0);

        // Other browser tests date work by the seeded targets.
        await SaveKycTargetAsync(page, original);
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync($"KYC Update: {original} working day(s)");
    }

    [Theory]
    [InlineData("priya.nair@jlnb.in")]
    [InlineData("rohan.mehta@jlnb.in")]
    public async Task Others_get_the_403_page(string email)
    {
        var page = await app.SignInAsync(email);
        var response = await page.GotoAsync("/admin/service-levels");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByTestId("denied")).ToContainTextAsync("your role may not open");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Service levels" })).ToHaveCountAsync(0);
    }

    private static async Task SaveKycTargetAsync(IPage page, string workingDays)
    {
        await page.GetByLabel("Working days for KYC Update").FillAsync(workingDays);
        await page.GetByTestId("targets").Locator("tr", new() { HasText = "KYC Update" })
            .GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }

    private static async Task AddHolidayAsync(IPage page, DateOnly date, string name)
    {
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a holiday" });
        await form.GetByLabel("Date").FillAsync(date.ToString("yyyy-MM-dd"));
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add holiday" }).ClickAsync();
    }
}

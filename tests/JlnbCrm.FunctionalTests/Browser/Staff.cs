using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>A person using the site: a fresh browser context signed in through the sign-in form.</summary>
public static class Staff
{
    public static async Task<IPage> SignInAsync(this BrowserApp app, string email, bool javaScript = true)
    {
        var page = await app.NewPageAsync(javaScript);
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Seeding.DemoDirectory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Picks an option of a labelled select by its visible text.</summary>
    public static Task SelectAsync(this IPage page, string label, string option) =>
        page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = option });

    /// <summary>The number a dashboard table shows for a label (0 when the label has no row).</summary>
    public static async Task<int> DashboardFigureAsync(this IPage page, string table, string label)
    {
        await page.GotoAsync("/");
        var cell = page.GetByTestId(table).Locator($"td[data-label='{label}']");
        return await cell.CountAsync() == 0 ? 0 : int.Parse(await cell.InnerTextAsync());
    }

    public static Regex Path(string pattern) => new(pattern);
}

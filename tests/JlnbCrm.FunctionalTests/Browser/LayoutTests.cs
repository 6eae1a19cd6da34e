using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>The site on a phone and from the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(BrowserApp app)
{
    [Fact]
    public async Task On_a_phone_the_menu_folds_and_no_screen_scrolls_sideways()
    {
        var page = await app.SignInAsync("rohan.mehta@jlnb.in");
        await page.SetViewportSizeAsync(390, 844);
        foreach (var path in new[] { "/", "/leads", "/clients", "/service-requests", "/queries" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than the phone");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Clients" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(Staff.Path("/clients$"));
        await BrowserApp.ScreenshotAsync(page, "phone-clients");
    }

    [Fact]
    public async Task The_keyboard_reaches_the_skip_link_first_and_submits_a_search_with_enter()
    {
        var page = await app.SignInAsync("rohan.mehta@jlnb.in");
        await page.GotoAsync("/clients");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to content");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search" }).FocusAsync();
        await page.Keyboard.TypeAsync("Sharma");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(Staff.Path("q=Sharma"));
    }
}

using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// The referrer features on the site: the duplicate flag on the add-reference form and the leaderboard. Each test
/// types a fresh random mobile: each provider's site is shared by its collection, whose references stay in it.
/// </summary>
public abstract class ReferrerTests<TApp>(TApp app) where TApp : BrowserApp
{
    private static async Task FillReferenceAsync(IPage page, string prospect, string mobile)
    {
        await page.GotoAsync("/leads/new");
        await page.GetByLabel("Prospect name").FillAsync(prospect);
        await page.GetByLabel("Mobile").FillAsync(mobile);
        await page.SelectAsync("Mode of communication", "Call");
        await page.SelectAsync("Product of interest", "JLNB Liquid Fund");
    }

    [Fact]
    public async Task A_reference_with_a_known_mobile_is_flagged_and_needs_add_anyway()
    {
        var admin = await app.SignInAsync("admin@jlnb.in");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var mobile = $"71{Random.Shared.Next(10_000_000, 99_999_999)}";
        await FillReferenceAsync(admin, $"First Sighting {suffix}", mobile);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("flash")).ToContainTextAsync("added");

        await FillReferenceAsync(admin, $"Second Sighting {suffix}", $"+91 {mobile[..5]} {mobile[5..]}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        var flag = admin.Locator("#possible-duplicates");
        await Assertions.Expect(flag.GetByRole(AriaRole.Link, new() { Name = $"First Sighting {suffix}" }))
            .ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("[data-valmsg-for='Input.Mobile']"))
            .ToContainTextAsync($"First Sighting {suffix}");

        await admin.GetByLabel("Add anyway").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("flash"))
            .ToContainTextAsync($"Second Sighting {suffix} added");
    }

    /// <summary>
    /// A junior typing a colleague's prospect's mobile is warned, with no link or name, and may add anyway.
    /// </summary>
    [Fact]
    public async Task A_match_the_junior_may_not_see_is_flagged_without_a_link()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var mobile = $"73{Random.Shared.Next(10_000_000, 99_999_999)}";
        var priya = await app.SignInAsync("priya.nair@jlnb.in");
        await FillReferenceAsync(priya, $"Priyas Prospect {suffix}", mobile);
        await priya.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await Assertions.Expect(priya.GetByTestId("flash")).ToContainTextAsync("added");

        var vikram = await app.SignInAsync("vikram.singh@jlnb.in");
        await FillReferenceAsync(vikram, $"Vikrams Prospect {suffix}", mobile);
        await vikram.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        var flag = vikram.Locator("#possible-duplicates");
        await Assertions.Expect(flag.Locator("[data-hidden-match]"))
            .ToContainTextAsync("you cannot see; ask your head or an admin");
        await Assertions.Expect(flag.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        Assert.DoesNotContain($"Priyas Prospect {suffix}", await vikram.ContentAsync());

        await vikram.GetByLabel("Add anyway").CheckAsync();
        await vikram.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await Assertions.Expect(vikram.GetByTestId("flash")).ToContainTextAsync($"Vikrams Prospect {suffix} added");
    }

    [Fact]
    public async Task Heads_see_the_referrer_leaderboard_and_juniors_do_not()
    {
        var head = await app.SignInAsync("rohan.mehta@jlnb.in");
        await head.GotoAsync("/");
        var board = head.GetByTestId("referrer-leaderboard");
        await Assertions.Expect(board).ToBeVisibleAsync();
        await Assertions.Expect(board.Locator("tbody tr").First).Not.ToContainTextAsync("No references");

        var junior = await app.SignInAsync("vikram.singh@jlnb.in");
        await junior.GotoAsync("/");
        await Assertions.Expect(junior.GetByTestId("sla-by-desk")).ToBeVisibleAsync();
        await Assertions.Expect(junior.GetByTestId("referrer-leaderboard")).ToHaveCountAsync(0);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class PostgresReferrerTests(BrowserApp app) : ReferrerTests<BrowserApp>(app);

[Collection(SqliteBrowserCollection.Name)]
public sealed class SqliteReferrerTests(SqliteBrowserApp app) : ReferrerTests<SqliteBrowserApp>(app);

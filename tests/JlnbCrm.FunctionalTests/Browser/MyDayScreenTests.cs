using JlnbCrm.FunctionalTests.Databases;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>The review calendar on the client form and the My day page, as an RM uses them.</summary>
public abstract class MyDayScreenTests<TApp>(TApp app) where TApp : BrowserApp
{
    private static DateOnly TodayInIndia => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5));

    private static async Task FillNewClientAsync(IPage page, string name, DateOnly birthday, DateOnly? nextReview)
    {
        await page.GotoAsync("/clients/edit");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("PAN", new() { Exact = true }).FillAsync(TestData.NewPan());
        await page.GetByLabel("Date of birth").FillAsync(birthday.ToString("yyyy-MM-dd"));
        await page.SelectAsync("Review frequency", "Quarterly");
        if (nextReview is { } date) await page.GetByLabel("Next review").FillAsync(date.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }

    [Fact]
    public async Task A_client_scheduled_on_the_form_shows_on_my_day_with_its_birthday()
    {
        // A name of this run's own: the provider's site is shared by its collection, so others' clients are there too.
        var name = $"Anaya Deshpande {Guid.NewGuid().ToString("N")[..6]}";
        var today = TodayInIndia;
        var birthday = new DateOnly(1985, today.AddDays(1).Month, today.AddDays(1).Day);
        var page = await app.SignInAsync("priya.nair@jlnb.in");
        await page.GetByTestId("nav-my-day").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(Staff.Path("/my-day$"));

        // A frequency without a date is refused by the domain, beside the date's field.
        await FillNewClientAsync(page, name, birthday, nextReview: null);
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.NextReviewOn']"))
            .ToContainTextAsync("needs the date of the next review");

        await FillNewClientAsync(page, name, birthday, today.AddDays(2));
        await Assertions.Expect(page).ToHaveURLAsync(Staff.Path("/clients/\\d+$"));
        await Assertions.Expect(page.GetByTestId("review-frequency")).ToHaveTextAsync("Quarterly");
        var profile = page.Url;

        await page.GetByTestId("nav-my-day").ClickAsync();
        var review = page.GetByTestId("reviews-due").Locator("tr", new() { HasText = name });
        await Assertions.Expect(review).ToContainTextAsync("Quarterly");
        var occasion = page.GetByTestId("occasions").Locator("tr", new() { HasText = name });
        await Assertions.Expect(occasion).ToContainTextAsync($"Birthday ({today.AddDays(1).Year - 1985})");
        await app.ScreenshotOnceAsync(page, "my-day");

        // The review itself, logged on the profile, takes the client off this week's list.
        await page.GotoAsync(profile);
        await page.SelectAsync("Type", "Portfolio Review");
        await page.Locator("#Log_Details").FillAsync("Quarterly review held; allocation unchanged.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log interaction" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("next-review")).ToContainTextAsync(today.AddMonths(3).Year.ToString());
        await page.GetByTestId("nav-my-day").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My day" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='reviews-due'] tr", new() { HasText = name }))
            .ToHaveCountAsync(0);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class PostgresMyDayScreenTests(BrowserApp app) : MyDayScreenTests<BrowserApp>(app);

[Collection(SqliteBrowserCollection.Name)]
public sealed class SqliteMyDayScreenTests(SqliteBrowserApp app) : MyDayScreenTests<SqliteBrowserApp>(app);

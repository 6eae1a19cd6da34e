using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// A new sortable column on the site: the service-request queue sorted by assignee (a name read through a to-one
/// relation that unassigned requests lack), paged with the Next link, keeps the unassigned requests last both ways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ListSortTests(BrowserApp app)
{
    [Fact]
    public async Task The_queue_sorts_by_assignee_with_unassigned_requests_last_in_both_directions()
    {
        var admin = await app.SignInAsync("admin@jlnb.in");
        await admin.GotoAsync("/service-requests");
        var header = admin.GetByRole(AriaRole.Link, new() { Name = "Assigned to", Exact = true });

        await header.ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(Staff.Path("sort=assignee"));
        await Assertions.Expect(admin.Locator("th[aria-sort='ascending']")).ToHaveTextAsync("Assigned to ▲");
        var ascending = await AssigneesOnEveryPageAsync(admin);
        await BrowserApp.ScreenshotAsync(admin, "service-requests-by-assignee");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Assigned to", Exact = true }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(Staff.Path("sort=-assignee"));
        var descending = await AssigneesOnEveryPageAsync(admin);

        Assert.Contains("—", ascending); // unassigned requests are in the list…
        Assert.True(ascending.Count(a => a != "—") > 1, "and several assigned ones");
        foreach (var (list, direction) in new[] { (ascending, 1), (descending, -1) })
        {
            var named = list.TakeWhile(a => a != "—").ToList();
            Assert.All(list.Skip(named.Count), a => Assert.Equal("—", a)); // …and all of them come last
            Assert.All(named.Zip(named.Skip(1)), pair => Assert.True(direction * string.CompareOrdinal(pair.First, pair.Second) <= 0,
                $"'{pair.First}' before '{pair.Second}'"));
        }
        Assert.Equal(ascending.Count, descending.Count);
    }

    /// <summary>The "Assigned to" column of every row, following Next to the last page.</summary>
    private static async Task<List<string>> AssigneesOnEveryPageAsync(IPage page)
    {
        var names = new List<string>();
        for (var pages = 0; pages < 50; pages++)
        {
            var rows = page.GetByTestId("service-requests").Locator("tbody tr");
            foreach (var row in await rows.AllAsync())
                names.Add((await row.Locator("td").Nth(5).InnerTextAsync()).Trim());
            var next = page.GetByTestId("next-page");
            if (await next.CountAsync() == 0) return names;
            var url = page.Url;
            await next.ClickAsync();
            await page.WaitForURLAsync(u => u != url);
        }
        throw new InvalidOperationException("The queue did not end within 50 pages.");
    }
}

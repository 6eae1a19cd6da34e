using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Hosting;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>The site on a test clock (Monday 30 Nov 2026, 10:00 IST) that the test moves forward instead of sleeping.</summary>
public sealed class ClockedBrowserApp : BrowserApp
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 4, 30, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class SlaDashboardTests(ClockedBrowserApp app) : IClassFixture<ClockedBrowserApp>
{
    private const string Head = "rohan.mehta@jlnb.in";

    [Fact]
    public async Task A_breach_appears_on_the_heads_dashboard_once_the_clock_passes_and_one_click_lists_it()
    {
        var id = await RaiseRedemptionForMumbaiClientAsync();
        var head = await app.SignInAsync(Head);
        var before = await OverdueRequestsAsync(head);
        await head.GotoAsync($"/service-requests/{id}");
        await Assertions.Expect(head.GetByTestId("sla")).ToContainTextAsync("left");

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5)); // Redemption: 1 working day
        await app.Services.GetRequiredService<SlaBreachScanner>().ScanOnceAsync();

        head = await app.SignInAsync(Head);
        Assert.Equal(before + 1, await OverdueRequestsAsync(head));
        await BrowserApp.ScreenshotAsync(head, "dashboard-sla");
        await head.GetByTestId("overdue-requests").ClickAsync();
        await Assertions.Expect(head).ToHaveURLAsync(Staff.Path("/service-requests\\?sla=Overdue"));
        var row = head.GetByTestId("service-requests").Locator("tr", new() { Has = head.Locator($"a[href='/service-requests/{id}']") });
        await Assertions.Expect(row.GetByTestId("sla")).ToHaveTextAsync("overdue by 5 min");
        await BrowserApp.ScreenshotAsync(head, "overdue-requests");
    }

    [Fact]
    public async Task The_desk_table_shows_a_desk_head_only_her_desk_and_the_admin_every_desk_with_its_open_requests()
    {
        const string kycDesk = "Operations — KYC & Onboarding";
        var expected = await OpenRequestsByDeskAsync();
        Assert.True(expected.Count >= 2 && expected.ContainsKey(kycDesk), "the demo firm has open requests on both desks");

        var admin = await app.SignInAsync("admin@jlnb.in");
        Assert.Equal(expected, await DeskTableAsync(admin));
        await BrowserApp.ScreenshotAsync(admin, "dashboard-sla-by-desk");

        var deskHead = await app.SignInAsync("meera.pillai@jlnb.in");
        Assert.Equal(new Dictionary<string, (int, int, int)> { [kycDesk] = expected[kycDesk] }, await DeskTableAsync(deskHead));
    }

    /// <summary>The dashboard's per-desk table: desk name → on time, due today, overdue.</summary>
    private static async Task<Dictionary<string, (int, int, int)>> DeskTableAsync(IPage page)
    {
        await page.GotoAsync("/");
        var table = new Dictionary<string, (int, int, int)>();
        foreach (var row in await page.GetByTestId("sla-by-desk").Locator("tbody tr").AllAsync())
        {
            var cells = (await row.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
            if (cells.Count == 4) table.Add(cells[0], (int.Parse(cells[1]), int.Parse(cells[2]), int.Parse(cells[3])));
        }
        return table;
    }

    /// <summary>Every open request in the database, counted here by desk and SLA state at the test clock's time.</summary>
    private async Task<Dictionary<string, (int, int, int)>> OpenRequestsByDeskAsync()
    {
        await using var db = app.Database.Open();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var open = await db.ServiceRequests
            .Where(r => r.Status == ServiceRequestStatus.Pending || r.Status == ServiceRequestStatus.InProgress)
            .Select(r => new { Desk = r.Desk!.Name, r.DueAt }).ToListAsync();
        return open.GroupBy(r => r.Desk).ToDictionary(g => g.Key, g =>
        {
            var states = g.Select(r => SlaRules.StateOf(r.DueAt, null, now)).ToList();
            return (states.Count(s => s == SlaState.OnTime), states.Count(s => s == SlaState.DueToday), states.Count(s => s == SlaState.Overdue));
        });
    }

    private async Task<int> OverdueRequestsAsync(IPage page)
    {
        await page.GotoAsync("/");
        var text = await page.GetByTestId("overdue-requests").InnerTextAsync(); // "Overdue requests (12)"
        return int.Parse(text[(text.IndexOf('(') + 1)..text.IndexOf(')')]);
    }

    /// <summary>An unassigned request on a client of Rohan's team, raised through the domain as the system would.</summary>
    private async Task<long> RaiseRedemptionForMumbaiClientAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Become(Actor.System);
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var head = await db.Users.SingleAsync(u => u.Email == Head);
        var client = await db.Clients.OrderBy(c => c.Id).FirstAsync(c => c.AssignedRm!.TeamId == head.TeamId);
        var request = await scope.ServiceProvider.GetRequiredService<ServiceDesk>()
            .CreateAsync(client.Id, ServiceRequestType.Redemption, "Redeem 500 units of the liquid fund.", null);
        return request.Id;
    }
}

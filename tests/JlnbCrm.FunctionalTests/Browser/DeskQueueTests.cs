using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// An operations executive works their desk's queue: /service-requests opens on their desk, they pick up an
/// unassigned request and complete it, and the history records it. The client's junior RM sees it but may not act.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeskQueueTests(BrowserApp app)
{
    private const string KycDesk = "Operations — KYC & Onboarding";
    private const string Junior = "priya.nair@jlnb.in";

    [Fact]
    public async Task An_ops_executive_picks_up_and_completes_a_request_from_the_desk_queue()
    {
        var id = await RaiseKycUpdateForJuniorsClientAsync();

        var junior = await app.SignInAsync(Junior);
        await junior.GotoAsync($"/service-requests/{id}");
        await Assertions.Expect(junior.GetByTestId("status").First).ToHaveTextAsync("Pending");
        await Assertions.Expect(junior.GetByTestId("desk")).ToHaveTextAsync(KycDesk);
        await Assertions.Expect(junior.GetByRole(AriaRole.Button, new() { Name = "Start" })).ToHaveCountAsync(0);
        await Assertions.Expect(junior.GetByRole(AriaRole.Button, new() { Name = "Assign" })).ToHaveCountAsync(0);

        var ops = await app.SignInAsync("farhan.qureshi@jlnb.in");
        await ops.GotoAsync("/service-requests");
        await Assertions.Expect(ops.GetByLabel("Desk").Locator("option:checked")).ToHaveTextAsync(KycDesk);
        await ops.GetByLabel("Unassigned only").CheckAsync();
        await ops.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var byId = ops.GetByRole(AriaRole.Link, new() { Name = "#", Exact = true });
        await byId.ClickAsync();
        await Assertions.Expect(ops.Locator("th[aria-sort='ascending']")).ToHaveTextAsync("# ▲");
        await byId.ClickAsync(); // newest first
        await Assertions.Expect(ops.Locator("th[aria-sort='descending']")).ToHaveTextAsync("# ▼");
        await BrowserApp.ScreenshotAsync(ops, "desk-queue");
        await ops.GetByTestId("service-requests").Locator($"a[href='/service-requests/{id}']").ClickAsync();

        await ops.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(ops.GetByTestId("status").First).ToHaveTextAsync("In Progress");
        await Assertions.Expect(ops.GetByTestId("assignee")).ToHaveTextAsync("Farhan Qureshi");
        await ops.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();
        await Assertions.Expect(ops.GetByTestId("status").First).ToHaveTextAsync("Completed");
        var history = ops.GetByTestId("history");
        await Assertions.Expect(history).ToContainTextAsync("Farhan Qureshi");
        await Assertions.Expect(history).ToContainTextAsync("In Progress");
        await Assertions.Expect(history).ToContainTextAsync("Completed");
        await BrowserApp.ScreenshotAsync(ops, "desk-request-completed");
    }

    /// <summary>A fresh KYC Update (routed to the KYC desk) on a client of the junior RM, raised by the system.</summary>
    private async Task<long> RaiseKycUpdateForJuniorsClientAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Become(Actor.System);
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var client = await db.Clients.OrderBy(c => c.Id).FirstAsync(c => c.AssignedRm!.Email == Junior);
        var request = await scope.ServiceProvider.GetRequiredService<ServiceDesk>()
            .CreateAsync(client.Id, ServiceRequestType.KycUpdate, "Refresh KYC: new passport on file.", null);
        return request.Id;
    }
}

using JlnbCrm.FunctionalTests.Databases;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>The day's main path through the site, in a real browser, as an RM Head and then an Ops executive.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowTests(BrowserApp app)
{
    [Fact]
    public async Task A_reference_becomes_a_client_whose_review_cross_sells_and_whose_request_ops_completes()
    {
        var head = await app.SignInAsync("rohan.mehta@jlnb.in");
        var completedBefore = await head.DashboardFigureAsync("requests-by-status", "Completed");
        var convertedBefore = await head.DashboardFigureAsync("pipeline", "Converted");

        // Add a reference.
        var prospect = $"Meera Krishnan {Guid.NewGuid():N}"[..24];
        var pan = TestData.NewPan();
        await head.GotoAsync("/leads/new");
        await head.GetByLabel("Prospect name").FillAsync(prospect);
        await head.GetByLabel("Mobile").FillAsync("+91 98200 11223");
        await head.GetByLabel("Email").FillAsync("meera.k@example.in");
        await head.SelectAsync("Mode of communication", "WhatsApp");
        await head.SelectAsync("Product of interest", "Focused Growth PMS");
        await head.GetByLabel("Reference given by").FillAsync("Dr. Sanjay Patil");
        await BrowserApp.ScreenshotAsync(head, "lead-form");
        await head.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await Assertions.Expect(head.GetByTestId("flash")).ToContainTextAsync("added");
        await Assertions.Expect(head.GetByTestId("status").First).ToHaveTextAsync("New");

        // Move it to WIP, then convert it.
        await head.GetByRole(AriaRole.Button, new() { Name = "Move to WIP" }).ClickAsync();
        await Assertions.Expect(head.GetByTestId("status").First).ToHaveTextAsync("WIP");
        await head.GetByLabel("PAN", new() { Exact = true }).FillAsync(pan.ToLowerInvariant()); // typed any case
        await head.GetByLabel("Account id (optional)").FillAsync("JL-" + pan[..6]);
        await BrowserApp.ScreenshotAsync(head, "lead-detail");
        await head.GetByRole(AriaRole.Button, new() { Name = "Convert" }).ClickAsync();

        // The new client opens, holding the product, with the New Business interaction.
        await Assertions.Expect(head.GetByTestId("flash")).ToContainTextAsync("new client");
        await Assertions.Expect(head.GetByTestId("client-name")).ToHaveTextAsync(prospect);
        await Assertions.Expect(head.GetByTestId("pan")).ToHaveTextAsync(pan);
        await Assertions.Expect(head.GetByTestId("holdings")).ToContainTextAsync("Focused Growth PMS");
        await Assertions.Expect(head.GetByTestId("interactions")).ToContainTextAsync("New Business");
        var clientUrl = head.Url;

        // A portfolio review that cross-sells a product creates a reference for it.
        await head.SelectAsync("Type", "Portfolio Review");
        await head.Locator("#Log_Details").FillAsync("Reviewed the PMS; client keen on term cover for the family.");
        await head.GetByLabel("Term Life Cover").CheckAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "Log interaction" }).ClickAsync();
        await Assertions.Expect(head.GetByTestId("flash")).ToContainTextAsync("1 cross-sell reference");
        await Assertions.Expect(head.GetByTestId("interactions")).ToContainTextAsync("Portfolio Review");

        await head.GotoAsync($"/leads?name={Uri.EscapeDataString(prospect)}");
        var leads = head.GetByTestId("leads");
        await Assertions.Expect(leads).ToContainTextAsync("Term Life Cover");
        await Assertions.Expect(leads.Locator("tbody tr", new() { HasText = "Term Life Cover" })).ToContainTextAsync("New");
        await Assertions.Expect(leads.Locator("tbody tr", new() { HasText = "Focused Growth PMS" })).ToContainTextAsync("Converted");
        await BrowserApp.ScreenshotAsync(head, "leads");

        // A service request, routed to its operations desk (nominee updates: KYC & Onboarding) for its staff to pick up.
        await head.GotoAsync(clientUrl);
        await head.SelectAsync("Request type", "Nominee Update");
        await head.Locator("#NewRequest_Details").FillAsync("Add spouse as nominee on the PMS account.");
        await head.GetByRole(AriaRole.Button, new() { Name = "Create service request" }).ClickAsync();
        await Assertions.Expect(head.GetByTestId("requests")).ToContainTextAsync("Nominee Update");
        await BrowserApp.ScreenshotAsync(head, "client-profile");

        // An executive of that desk picks it up from the desk queue, starts and completes it.
        var ops = await app.SignInAsync("farhan.qureshi@jlnb.in");
        await ops.GotoAsync("/service-requests?unassigned=true&type=NomineeUpdate&sort=-created");
        await ops.GetByTestId("service-requests").Locator("tbody tr", new() { HasText = prospect }).GetByRole(AriaRole.Link).First.ClickAsync();
        await ops.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(ops.GetByTestId("status").First).ToHaveTextAsync("In Progress");
        await Assertions.Expect(ops.GetByTestId("assignee")).ToHaveTextAsync("Farhan Qureshi");
        await BrowserApp.ScreenshotAsync(ops, "service-request");
        await ops.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();
        await Assertions.Expect(ops.GetByTestId("status").First).ToHaveTextAsync("Completed");
        await Assertions.Expect(ops.GetByRole(AriaRole.Button, new() { Name = "Reject" })).ToHaveCountAsync(0);

        // The head's dashboard counts it.
        Assert.Equal(completedBefore + 1, await head.DashboardFigureAsync("requests-by-status", "Completed"));
        Assert.Equal(convertedBefore + 1, await head.DashboardFigureAsync("pipeline", "Converted"));
        await Assertions.Expect(head.GetByTestId("conversions")).ToContainTextAsync("Rohan Mehta");
        await BrowserApp.ScreenshotAsync(head, "dashboard");
    }
}

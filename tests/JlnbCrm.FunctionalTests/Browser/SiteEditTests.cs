using JlnbCrm.FunctionalTests.Databases;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// What the API edits, the site edits too: each edit screen saves, refuses bad input beside the field, and shows a
/// conflict instead of overwriting someone's newer save. Destructive actions ask first.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SiteEditTests(BrowserApp app)
{
    [Fact]
    public async Task Every_edit_screen_saves_refuses_beside_the_field_and_shows_the_other_save_on_a_conflict()
    {
        var admin = await app.SignInAsync("admin@jlnb.in");
        var suffix = Guid.NewGuid().ToString("N")[..6];

        // A reference: the edit screen is linked from its page.
        await admin.GotoAsync("/leads/new");
        await admin.GetByLabel("Prospect name").FillAsync($"Tara Iyer {suffix}");
        await admin.GetByLabel("Email").FillAsync("tara.i@example.in");
        await admin.SelectAsync("Mode of communication", "Call");
        await admin.SelectAsync("Product of interest", "JLNB Liquid Fund");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("status").First).ToHaveTextAsync("New");
        await admin.GetByTestId("edit-lead").ClickAsync();
        await EditAsync(admin, admin.Locator("main form"), "Input.ProspectName", "Prospect name is required.",
            $"Tara Iyer-Rao {suffix}", $"Tara Rao {suffix}", "Reference saved.");

        // A query and a service request, raised on a client's profile (the query to someone other than the RM).
        await admin.GotoAsync("/clients");
        await admin.GetByTestId("clients").Locator("tbody tr a").First.ClickAsync();
        var profile = admin.Url;
        await admin.Locator("#Query_Details").FillAsync($"Statement missing {suffix}");
        await admin.Locator("#Query_AssignedRmId").SelectOptionAsync(new SelectOptionValue { Label = "Neha Gupta (Delhi Private Clients)" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Raise query" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("queries")).ToContainTextAsync("Neha Gupta");
        await admin.GetByTestId("queries").Locator("li", new() { HasText = suffix }).GetByRole(AriaRole.Link).ClickAsync();
        await EditAsync(admin, admin.GetByTestId("edit-query"), "Edit.Details", "Describe the client's query.",
            $"March statement missing {suffix}", $"April statement missing {suffix}", "Query saved.");

        await admin.GotoAsync(profile);
        await admin.SelectAsync("Request type", "Nominee Update");
        await admin.Locator("#NewRequest_Details").FillAsync($"Add nominee {suffix}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create service request" }).ClickAsync();
        await admin.GetByTestId("requests").Locator("li", new() { HasText = "Nominee Update" }).First.GetByRole(AriaRole.Link).ClickAsync();
        await EditAsync(admin, admin.GetByTestId("edit-request"), "Edit.Details", "Describe the request.",
            $"Change address {suffix}", $"Change mobile {suffix}", "Request saved.");
        await admin.ReloadAsync(); // the other tab saved last
        await admin.GetByTestId("edit-request").GetByLabel("Request type").SelectOptionAsync(new SelectOptionValue { Label = "Address Change" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save request" }).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToContainTextAsync("Address Change");

        // A team, a product and a person (administrators' screens).
        await admin.GotoAsync("/admin/teams");
        await admin.GetByLabel("New team").FillAsync($"Pune Desk {suffix}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create team" }).ClickAsync();
        await admin.GetByTestId("teams").GetByRole(AriaRole.Link, new() { Name = $"Pune Desk {suffix}" }).ClickAsync();
        await EditAsync(admin, admin.GetByTestId("rename-team"), "Input.Name", "Name the team.",
            $"Pune Advisory {suffix}", $"Pune Wealth {suffix}", "Team renamed.");

        await admin.GotoAsync("/admin/products");
        await admin.Locator("#Input_Name").FillAsync($"Gold Bond {suffix}");
        await admin.SelectAsync("Category", "Bonds");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await admin.GetByTestId("products").GetByRole(AriaRole.Link, new() { Name = $"Gold Bond {suffix}" }).ClickAsync();
        await EditAsync(admin, admin.GetByTestId("edit-product"), "Input.Name", "Name the product.",
            $"Sovereign Gold Bond {suffix}", $"Gold Bond 2030 {suffix}", "Product saved.");

        await admin.GotoAsync("/admin/users");
        await admin.Locator("#Input_Name").FillAsync($"Ravi Das {suffix}");
        await admin.Locator("#Input_Email").FillAsync($"ravi.{suffix}@jlnb.in");
        await admin.Locator("#Input_Password").FillAsync("Welcome#2026");
        await admin.SelectAsync("Role", "Ops Exec/Junior RM");
        await admin.SelectAsync("Team", "Mumbai Wealth");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("flash")).ToContainTextAsync("can now sign in");
        var person = admin.GetByTestId("edit-person");
        await person.GetByLabel("Email (signs in with)").FillAsync("priya.nair@jlnb.in"); // the server refuses a taken email
        await person.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(admin.Locator("[data-valmsg-for='Details.Email']")).ToContainTextAsync("already signs in as");
        await admin.GotoAsync(admin.Url);
        await EditAsync(admin, admin.GetByTestId("edit-person"), "Details.Name", "Name is required.",
            $"Ravi Kumar Das {suffix}", $"R. K. Das {suffix}", "Name and email saved.");
    }

    [Fact]
    public async Task Lists_filter_sort_by_header_export_their_filter_page_the_profile_and_ask_before_denying()
    {
        var head = await app.SignInAsync("rohan.mehta@jlnb.in");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await head.GotoAsync("/clients");
        await head.GetByTestId("clients").Locator("tbody tr a").First.ClickAsync();
        var client = await head.GetByTestId("client-name").InnerTextAsync();
        var profile = head.Url;

        // 26 interactions: the profile shows 25 and pages to the rest, no silent cut.
        for (var n = 1; n <= 26; n++)
        {
            await head.SelectAsync("Type", "Portfolio Review");
            await head.Locator("#Log_Details").FillAsync($"Call {n:00} {suffix}");
            await head.GetByRole(AriaRole.Button, new() { Name = "Log interaction" }).ClickAsync();
            await Assertions.Expect(head.GetByTestId("flash")).ToContainTextAsync("Interaction logged");
        }
        await Assertions.Expect(head.GetByTestId("interactions")).ToContainTextAsync($"Call 26 {suffix}");
        await Assertions.Expect(head.GetByTestId("interactions")).Not.ToContainTextAsync($"Call 01 {suffix}");
        await head.Locator("[data-pager='ia']").ClickAsync();
        await Assertions.Expect(head.GetByTestId("interactions")).ToContainTextAsync($"Call 01 {suffix}");

        // The interactions screen: filtered by this client and type, sorted by a header click, exported as filtered.
        await head.GotoAsync("/interactions");
        await head.GetByLabel("Client", new() { Exact = true }).FillAsync(client);
        await head.SelectAsync("Type", "Portfolio Review");
        await head.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = head.GetByTestId("interactions").Locator("tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync($"Call 26 {suffix}");
        await head.GetByRole(AriaRole.Link, new() { Name = "When (IST)" }).ClickAsync(); // newest first → oldest first
        await Assertions.Expect(head).ToHaveURLAsync(Staff.Path("sort=occurred"));
        await Assertions.Expect(head.GetByRole(AriaRole.Columnheader, new() { Name = "When (IST)" })).ToContainTextAsync("▲");
        await Assertions.Expect(rows.First).Not.ToContainTextAsync($"Call 26 {suffix}");
        var download = await head.RunAndWaitForDownloadAsync(() => head.GetByTestId("export").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains($"Call 26 {suffix}", csv);
        Assert.DoesNotContain("New Business", csv); // only the filtered type
        Assert.True(csv.IndexOf($"Call 01 {suffix}", StringComparison.Ordinal) < csv.IndexOf($"Call 26 {suffix}", StringComparison.Ordinal));

        // The queues search by client.
        await head.GotoAsync(profile);
        await head.Locator("#Query_Details").FillAsync($"Dividend not credited {suffix}");
        await head.GetByRole(AriaRole.Button, new() { Name = "Raise query" }).ClickAsync();
        await head.GotoAsync($"/queries?client={Uri.EscapeDataString(client)}&sort=-created");
        await Assertions.Expect(head.GetByTestId("queries").Locator("tbody tr").First).ToContainTextAsync(suffix);
        await Assertions.Expect(head.GetByTestId("queries").Locator("tbody tr", new() { HasNotText = client })).ToHaveCountAsync(0);

        // Denying a reference asks first: dismissed, nothing happens; accepted, it is denied.
        await head.GotoAsync("/leads/new");
        await head.GetByLabel("Prospect name").FillAsync($"Om Prakash {suffix}");
        await head.GetByLabel("Email").FillAsync("om.p@example.in");
        await head.SelectAsync("Mode of communication", "Call");
        await head.SelectAsync("Product of interest", "JLNB Liquid Fund");
        await head.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await head.GetByLabel("Denial reason").FillAsync("Not reachable.");
        string? asked = null;
        void Dismiss(object? _, IDialog dialog) { asked = dialog.Message; _ = dialog.DismissAsync(); }
        head.Dialog += Dismiss;
        await head.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        head.Dialog -= Dismiss;
        Assert.Contains("Deny this reference", asked);
        await head.ReloadAsync();
        await Assertions.Expect(head.GetByTestId("status").First).ToHaveTextAsync("New");
        await head.GetByLabel("Denial reason").FillAsync("Not reachable.");
        void Accept(object? _, IDialog dialog) => _ = dialog.AcceptAsync();
        head.Dialog += Accept;
        await head.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await Assertions.Expect(head.GetByTestId("status").First).ToHaveTextAsync("Denied");
        head.Dialog -= Accept;
    }

    /// <summary>
    /// On the current page: an emptied required field is refused beside it; then a second tab opened on the same
    /// version saves after the first did, sees "This record changed" with the first tab's value, and saves again.
    /// </summary>
    private static async Task EditAsync(IPage first, ILocator form, string field, string required, string mine, string theirs, string saved)
    {
        var url = first.Url;
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync(url);
        var input = $"[name='{field}']";

        await form.Locator(input).FillAsync("");
        await form.GetByRole(AriaRole.Button).Last.ClickAsync();
        await Assertions.Expect(first.Locator($"[data-valmsg-for='{field}']")).ToContainTextAsync(required);

        await first.GotoAsync(url);
        await form.Locator(input).FillAsync(mine);
        await form.GetByRole(AriaRole.Button).Last.ClickAsync();
        await Assertions.Expect(first.GetByTestId("flash")).ToContainTextAsync(saved);
        await Assertions.Expect(first.Locator("main")).ToContainTextAsync(mine);

        var stale = second.Locator(input);
        await stale.FillAsync(theirs);
        await stale.Locator("xpath=ancestor::form").GetByRole(AriaRole.Button).Last.ClickAsync();
        var conflict = second.GetByTestId("conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("This record changed since you opened it");
        await Assertions.Expect(conflict).ToContainTextAsync(mine);
        await Assertions.Expect(second.Locator(input)).ToHaveValueAsync(theirs);

        await second.Locator(input).Locator("xpath=ancestor::form").GetByRole(AriaRole.Button).Last.ClickAsync();
        await Assertions.Expect(second.GetByTestId("flash")).ToContainTextAsync(saved);
        await Assertions.Expect(second.Locator("main")).ToContainTextAsync(theirs);
        await second.CloseAsync();
    }
}

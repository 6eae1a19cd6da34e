using System.Globalization;
using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Databases;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// The DPDP consent register and the access export on the client profile, as staff use them: an RM records a consent
/// with its evidence (listed with the India time it was given and by whom), a second current consent for the same
/// purpose is refused beside the field, withdrawing marketing consent takes the client's cross-sell references off the
/// references list until consent is given again, and the JSON and CSV downloads hold the client's data and leave a
/// Data Export line in its history. The desk executive working the client's data-access request exports it (PAN
/// masked) but is offered no consent form; another team's junior gets 404 for the profile, the consent form and the
/// export.
/// </summary>
public abstract class ConsentScreenTests<TApp>(TApp app) where TApp : BrowserApp
{
    private const string Priya = "priya.nair@jlnb.in", CrossSold = "Term Life Cover";

    /// <summary>Points every form of the page at another client (the anti-forgery token stays the user's).</summary>
    private const string RetargetForms =
        "(forms, id) => forms.forEach(f => f.action = f.action.replace(/\\/clients\\/\\d+/, '/clients/' + id))";

    [Fact]
    public async Task An_RM_records_and_withdraws_consent_and_marketing_withdrawal_hides_the_clients_cross_sells()
    {
        var name = $"Consent Browser {Guid.NewGuid().ToString("N")[..6]}";
        var page = await app.SignInAsync(Priya);
        await NewClientAsync(page, name);
        var profile = new Uri(page.Url).PathAndQuery;
        await Assertions.Expect(page.GetByTestId("consents")).ToContainTextAsync("No consent recorded.");

        var before = IndiaNow();
        await GiveAsync(page, "Marketing", "Signed consent form MK-42");
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("Consent recorded.");
        var marketing = Consent(page, "Marketing");
        await Assertions.Expect(marketing).ToContainTextAsync("Given");
        await Assertions.Expect(marketing).ToContainTextAsync("recorded by Priya Nair · Signed consent form MK-42");
        var given = await marketing.InnerTextAsync();
        Assert.True(given.Contains($"Given {before}") || given.Contains($"Given {IndiaNow()}"),
            $"the consent should show when it was given in India time ({before}): {given}");

        // A second current consent for the same purpose: DUPLICATE, shown beside the purpose; nothing added.
        await GiveAsync(page, "Marketing", "Asked again on the phone");
        await Assertions.Expect(page.Locator("[data-valmsg-for='GiveConsent.Purpose']"))
            .ToContainTextAsync($"{name} already consents to Marketing.");
        await Assertions.Expect(Consent(page, "Marketing")).ToHaveCountAsync(1);

        // A portfolio review cross-sells a product: the client's reference is on the references list.
        await page.GotoAsync(profile);
        await page.SelectAsync("Type", "Portfolio Review");
        await page.Locator("#Log_Details").FillAsync("Annual review; keen on cover for the family.");
        await page.GetByLabel(CrossSold).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log interaction" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("1 cross-sell reference");
        await ExpectCrossSellListedAsync(page, name, listed: true);
        var leadUrl = await page.GetByTestId("leads").GetByRole(AriaRole.Link, new() { Name = name })
            .GetAttributeAsync("href");

        // Withdrawing marketing consent (confirmed in the browser) takes it off the list and the picker off the
        // profile.
        await page.GotoAsync(profile);
        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.AcceptAsync(); };
        var current = Consent(page, "Marketing");
        await current.GetByLabel("How the withdrawal reached us").FillAsync("Email of 3 Nov asking for no offers");
        await current.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToContainTextAsync("Consent withdrawn.");
        Assert.Equal("Withdraw this consent?", asked);
        await Assertions.Expect(page.GetByTestId("marketing-opt-out")).ToBeVisibleAsync();
        await Assertions.Expect(current).ToContainTextAsync("Withdrawn");
        await Assertions.Expect(current).ToContainTextAsync("by Priya Nair · Email of 3 Nov asking for no offers");
        await Assertions.Expect(page.GetByText("Cross-sell (Portfolio Review only)")).ToHaveCountAsync(0);
        await ExpectCrossSellListedAsync(page, name, listed: false);
        Assert.Equal(404, (await page.APIRequest.GetAsync(leadUrl!)).Status);

        // Given again: the reference is back.
        await page.GotoAsync(profile);
        await GiveAsync(page, "Marketing", "Re-signed form MK-43");
        await Assertions.Expect(page.GetByTestId("marketing-opt-out")).ToHaveCountAsync(0);
        await Assertions.Expect(Consent(page, "Marketing")).ToHaveCountAsync(2);
        await ExpectCrossSellListedAsync(page, name, listed: true);
        await app.ScreenshotOnceAsync(page, "consents");
    }

    [Fact]
    public async Task The_access_export_downloads_as_JSON_and_CSV_with_an_audit_line_and_outsiders_get_404()
    {
        var name = $"Export Browser {Guid.NewGuid().ToString("N")[..6]}";
        var pan = TestData.NewPan();
        var page = await app.SignInAsync(Priya);
        await NewClientAsync(page, name, pan);
        await GiveAsync(page, "Service communication", "Account opening form SC-7");
        var profile = new Uri(page.Url).PathAndQuery;
        var clientId = long.Parse(profile.Split('/', '?')[2], CultureInfo.InvariantCulture);

        var json = await DownloadAsync(page, "Download JSON");
        Assert.Equal($"client-{clientId}.json", json.Name);
        var document = JsonNode.Parse(json.Text)!;
        Assert.Contains(name, document.ToJsonString());
        Assert.Contains(pan, document.ToJsonString()); // the RM reads the PAN in clear
        Assert.Contains("Account opening form SC-7", document.ToJsonString());
        var csv = await DownloadAsync(page, "Download CSV");
        Assert.Equal($"client-{clientId}.csv", csv.Name);
        Assert.Contains(name, csv.Text);
        Assert.Contains("Account opening form SC-7", csv.Text);

        // Each download is a Data Export line in the client's history, by her, with its format.
        await page.GotoAsync(profile);
        var exports = page.GetByTestId("history").Locator("li", new() { HasText = "Data Export" });
        await Assertions.Expect(exports).ToHaveCountAsync(2);
        await Assertions.Expect(exports.Filter(new() { HasText = "JSON" })).ToContainTextAsync("by Priya Nair");
        await Assertions.Expect(exports.Filter(new() { HasText = "CSV" })).ToContainTextAsync("by Priya Nair");

        // The data-principal request goes to the KYC desk: Farhan works it, reaching the client only through it. He
        // may export (what he sees: the PAN masked) but records no consent (docs/access.md, "Client data export").
        await page.SelectAsync("Request type", "Data Access Request");
        await page.Locator("#NewRequest_Details").FillAsync("Client asks for a copy of everything held about them");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create service request" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("requests")).ToContainTextAsync("Data Access Request");
        var farhan = await app.SignInAsync("farhan.qureshi@jlnb.in");
        await farhan.GotoAsync(profile);
        await Assertions.Expect(farhan.GetByTestId("client-name")).ToHaveTextAsync(name);
        await Assertions.Expect(farhan.GetByTestId("consents")).ToContainTextAsync("Account opening form SC-7");
        await Assertions.Expect(farhan.GetByTestId("give-consent")).ToHaveCountAsync(0);
        await Assertions.Expect(farhan.GetByRole(AriaRole.Button, new() { Name = "Withdraw" })).ToHaveCountAsync(0);
        var masked = (await DownloadAsync(farhan, "Download JSON")).Text;
        Assert.Contains(name, masked);
        Assert.Contains($"{pan[..5]}****{pan[^1]}", masked);
        Assert.DoesNotContain(pan, masked);

        // Amit (Delhi) does not see the client: its profile is not found, and forms of his own client's page pointed
        // at it (his valid anti-forgery token, the other client's id) neither record consent nor export anything.
        var amit = await app.SignInAsync("amit.verma@jlnb.in");
        Assert.Equal(404, (await amit.APIRequest.GetAsync(profile)).Status);
        await NewClientAsync(amit, $"Amit's own {Guid.NewGuid().ToString("N")[..6]}");
        var amitsProfile = amit.Url;
        await amit.EvalOnSelectorAllAsync("form", RetargetForms, clientId);
        Assert.Equal(404, (await PostedAsync(amit, "Download JSON")).Status);
        // Chromium shows its own page for the empty 404; a second tab of his session forges the consent form.
        amit = await amit.Context.NewPageAsync();
        await amit.GotoAsync(amitsProfile);
        await amit.EvalOnSelectorAllAsync("form", RetargetForms, clientId);
        await amit.SelectAsync("Purpose", "Marketing");
        await amit.GetByLabel("Evidence", new() { Exact = true }).FillAsync("Forged");
        Assert.Equal(404, (await PostedAsync(amit, "Record consent")).Status);

        // Nothing was recorded by him: her two exports and Farhan's, and her one consent.
        await page.GotoAsync(profile);
        var lines = page.GetByTestId("history").Locator("li", new() { HasText = "Data Export" });
        await Assertions.Expect(lines).ToHaveCountAsync(3);
        await Assertions.Expect(lines.Filter(new() { HasText = "Farhan Qureshi" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("history")).Not.ToContainTextAsync("Amit Verma");
        await Assertions.Expect(page.GetByTestId("consents").Locator("li")).ToHaveCountAsync(1);
    }

    private static ILocator Consent(IPage page, string purpose) =>
        page.GetByTestId("consents").Locator("li", new() { HasText = purpose });

    /// <summary>Clicks a form's button and returns the server's answer to the POST.</summary>
    private static Task<IResponse> PostedAsync(IPage page, string button) => page.RunAndWaitForResponseAsync(
        () => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync(), r => r.Request.Method == "POST");

    private static string IndiaNow() => TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Kolkata")
        .ToString("d MMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-IN")) + " IST";

    private static async Task NewClientAsync(IPage page, string name, string? pan = null)
    {
        await page.GotoAsync("/clients/edit");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("PAN", new() { Exact = true }).FillAsync(pan ?? TestData.NewPan());
        // A cross-sell reference needs a way to reach the prospect: the client's mobile.
        var mobile = $"+91 98{Random.Shared.Next(10_000_000, 99_999_999)}";
        await page.GetByLabel("Mobile", new() { Exact = true }).FillAsync(mobile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-name")).ToHaveTextAsync(name);
    }

    private static async Task GiveAsync(IPage page, string purpose, string evidence)
    {
        var form = page.GetByTestId("give-consent");
        await form.GetByLabel("Purpose").SelectOptionAsync(new SelectOptionValue { Label = purpose });
        await form.GetByLabel("Evidence").FillAsync(evidence);
        await form.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>The references list, searched by the client's name: its cross-sell reference is there or not.</summary>
    private static async Task ExpectCrossSellListedAsync(IPage page, string client, bool listed)
    {
        await page.GotoAsync($"/leads?name={Uri.EscapeDataString(client)}");
        var rows = page.GetByTestId("leads").Locator("tbody tr", new() { HasText = CrossSold });
        await Assertions.Expect(rows).ToHaveCountAsync(listed ? 1 : 0);
        if (!listed)
            await Assertions.Expect(page.GetByTestId("leads")).ToContainTextAsync("No references match these filters.");
    }

    private static async Task<(string Name, string Text)> DownloadAsync(IPage page, string button)
    {
        var download = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync());
        return (download.SuggestedFilename, await File.ReadAllTextAsync((await download.PathAsync())!));
    }
}

[Collection(BrowserCollection.Name)]
public sealed class PostgresConsentScreenTests(BrowserApp app) : ConsentScreenTests<BrowserApp>(app);

[Collection(SqliteBrowserCollection.Name)]
public sealed class SqliteConsentScreenTests(SqliteBrowserApp app) : ConsentScreenTests<SqliteBrowserApp>(app);

using JlnbCrm.FunctionalTests.Databases;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// KYC on the site: the RM records the KRA's status on the client profile; On Hold shows the banner and raises one
/// KYC Update request (a second On Hold adds none); a future check date is refused beside the field; the clients
/// list filters by KYC status.
/// </summary>
public abstract class KycScreenTests<TApp>(TApp app) where TApp : BrowserApp
{
    [Fact]
    public async Task An_RM_records_On_Hold_sees_the_banner_and_one_KYC_Update_request_and_filters_by_status()
    {
        var name = $"Kyc Browser {Guid.NewGuid().ToString("N")[..6]}";
        var page = await app.SignInAsync("priya.nair@jlnb.in");
        await page.GotoAsync("/clients/edit");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("PAN", new() { Exact = true }).FillAsync(TestData.NewPan());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-name")).ToHaveTextAsync(name);
        await Assertions.Expect(page.GetByTestId("kyc-status")).ToHaveTextAsync("Not checked");
        await Assertions.Expect(page.GetByTestId("kyc-banner")).ToHaveCountAsync(0);

        await page.GetByLabel("KYC status").SelectOptionAsync(new SelectOptionValue { Label = "On Hold" });
        await page.GetByLabel("Checked on").FillAsync("2999-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record KYC" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Kyc.CheckedOn']"))
            .ToContainTextAsync("today or earlier");

        await page.GetByLabel("Checked on").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record KYC" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("kyc-banner")).ToContainTextAsync("On Hold");
        await Assertions.Expect(page.GetByTestId("kyc-status")).ToHaveTextAsync("On Hold");
        await Assertions.Expect(page.GetByTestId("requests")).ToContainTextAsync("KYC Update");

        // Recorded again while that request is open: still one request.
        await page.GetByLabel("KYC status").SelectOptionAsync(new SelectOptionValue { Label = "On Hold" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Record KYC" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("kyc-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("requests").Locator("li", new() { HasText = "KYC Update" }))
            .ToHaveCountAsync(1);

        await page.GotoAsync($"/clients?q={Uri.EscapeDataString(name)}");
        await page.GetByLabel("KYC status").SelectOptionAsync(new SelectOptionValue { Label = "Validated" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("clients")).ToContainTextAsync("No clients match.");
        await page.GetByLabel("KYC status").SelectOptionAsync(new SelectOptionValue { Label = "On Hold" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("clients").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("clients")).ToContainTextAsync(name);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class PostgresKycScreenTests(BrowserApp app) : KycScreenTests<BrowserApp>(app);

[Collection(SqliteBrowserCollection.Name)]
public sealed class SqliteKycScreenTests(SqliteBrowserApp app) : KycScreenTests<SqliteBrowserApp>(app);

using System.Text;
using JlnbCrm.FunctionalTests.Databases;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>CSV import: a preview with each bad row's number and reason, and nothing written unless every row is good.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportTests(BrowserApp app)
{
    [Fact]
    public async Task A_file_with_bad_rows_is_previewed_with_their_row_numbers_and_nothing_is_imported()
    {
        var (good, duplicate) = (TestData.NewPan(), TestData.NewPan());
        var csv = string.Join("\n",
            "Name,Pan,AccountId,Mobile,Email,Address,DateOfBirth,RmEmail",
            $"Zoya Sheikh,{good},,+91 90000 11111,zoya@example.in,,1988-03-14,priya.nair@jlnb.in",
            "Omkar Patil,ABCD1234,,+91 90000 22222,,,,priya.nair@jlnb.in",
            $"Rhea Dutta,{duplicate},,,,,,nobody@jlnb.in",
            $"Rhea Dutta Again,{duplicate},,,,,,priya.nair@jlnb.in");
        var page = await app.SignInAsync("rohan.mehta@jlnb.in");
        await page.GotoAsync("/clients/import");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "clients.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check file" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("check-summary")).ToContainTextAsync("3 of 4 rows have errors");
        var preview = page.GetByTestId("preview");
        await Assertions.Expect(preview.Locator("tr", new() { HasText = "Omkar Patil" })).ToContainTextAsync("3");
        await Assertions.Expect(preview.Locator("tr", new() { HasText = "Omkar Patil" })).ToContainTextAsync("'ABCD1234' is not a valid PAN");
        await Assertions.Expect(preview.Locator("tr", new() { HasText = "Rhea Dutta (" })).ToContainTextAsync("No CRM user has the email 'nobody@jlnb.in'");
        await Assertions.Expect(preview.Locator("tr", new() { HasText = "Rhea Dutta Again" })).ToContainTextAsync($"PAN {duplicate} is also on row 4 of this file.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import" })).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "import-preview");

        await page.GotoAsync($"/clients?q={good}");
        await Assertions.Expect(page.GetByTestId("clients")).ToContainTextAsync("No clients match.");
    }

    [Fact]
    public async Task A_clean_file_is_imported_whole_after_its_preview()
    {
        var csv = string.Join("\n",
            "ProspectName,Mobile,Email,Pan,Product,Mode,RefGivenBy,ObtainedByEmail,Notes",
            "Anil Kapoor,+91 90000 33333,,,JLNB Liquid Fund,call,Walk-in,,Wants a parking fund",
            "Sunita Rao,,sunita@example.in,,Term Life Cover,WhatsApp,Existing client,vikram.singh@jlnb.in,");
        var page = await app.SignInAsync("rohan.mehta@jlnb.in");
        await page.GotoAsync("/leads/import");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "leads.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check file" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-summary")).ToContainTextAsync("All 2 rows are valid.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 references" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("flash")).ToHaveTextAsync("Imported 2 references.");
        await page.GotoAsync("/leads?name=Sunita Rao");
        await Assertions.Expect(page.GetByTestId("leads")).ToContainTextAsync("Vikram Singh");
    }

    [Fact]
    public async Task The_export_holds_what_the_filter_shows()
    {
        var page = await app.SignInAsync("rohan.mehta@jlnb.in");
        await page.GotoAsync("/leads?status=Denied");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export").ClickAsync());
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        var lines = text.Trim().Split('\n');
        Assert.StartsWith("\uFEFFId,ProspectName", lines[0]);
        Assert.True(lines.Length > 1, "the demo data has denied references");
        Assert.All(lines.Skip(1), line => Assert.Contains(",Denied,", line));
    }
}

using JlnbCrm.FunctionalTests.Databases;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>Bad input is refused beside the field it concerns, by the browser and again by the server.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FormTests(BrowserApp app)
{
    [Fact]
    public async Task A_bad_pan_is_shown_beside_its_field_before_anything_is_sent()
    {
        var page = await app.SignInAsync("priya.nair@jlnb.in");
        await page.GotoAsync("/clients/edit");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Farhan Qureshi");
        await page.GetByLabel("PAN", new() { Exact = true }).FillAsync("ABC12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var message = page.Locator("[data-valmsg-for='Input.Pan']");
        await Assertions.Expect(message).ToContainTextAsync("five letters, four digits and a letter");
        await Assertions.Expect(page).ToHaveURLAsync(Staff.Path("/clients/edit$"));
        await BrowserApp.ScreenshotAsync(page, "client-form-error");
    }

    [Fact]
    public async Task The_server_puts_a_duplicate_pan_beside_the_pan_field_and_keeps_the_entries()
    {
        var pan = TestData.NewPan();
        var page = await app.SignInAsync("priya.nair@jlnb.in");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await page.GotoAsync("/clients/edit");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Ishaan Bhatia {attempt}");
            await page.GetByLabel("PAN", new() { Exact = true }).FillAsync(pan);
            await page.GetByLabel("Mobile").FillAsync("+91 99300 44556");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        }
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Pan']")).ToContainTextAsync($"PAN {pan} already belongs to client Ishaan Bhatia 0");
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Ishaan Bhatia 1");
    }

    [Fact]
    public async Task Denying_a_reference_without_a_reason_is_refused_by_the_server_and_the_reference_stays_open()
    {
        var page = await app.SignInAsync("priya.nair@jlnb.in", javaScript: false);
        var leadUrl = await AddReferenceAsync(page, "Kabir Malhotra");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Deny.Reason']")).ToContainTextAsync("A reason is required to deny a reference.");
        await page.GotoAsync(leadUrl);
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync("New");

        await page.GetByLabel("Denial reason").FillAsync("Already invests through another firm.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync("Denied");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Already invests through another firm.");
    }

    [Fact]
    public async Task Two_people_editing_one_client_the_second_save_shows_the_first_change_instead_of_overwriting_it()
    {
        var first = await app.SignInAsync("rohan.mehta@jlnb.in");
        var second = await app.SignInAsync("rohan.mehta@jlnb.in");
        await first.GotoAsync("/clients/edit");
        await first.GetByLabel("Name", new() { Exact = true }).FillAsync("Tara Fernandes");
        await first.GetByLabel("PAN", new() { Exact = true }).FillAsync(TestData.NewPan());
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var editUrl = first.Url.Replace("/clients/", "/clients/edit/");
        await first.GotoAsync(editUrl);
        await second.GotoAsync(editUrl);

        await first.GetByLabel("Address").FillAsync("12 Carter Road, Bandra West, Mumbai");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("flash")).ToHaveTextAsync("Client saved.");

        await second.GetByLabel("Mobile").FillAsync("+91 98111 22334");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var conflict = second.GetByTestId("conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("This record changed since you opened it");
        await Assertions.Expect(conflict).ToContainTextAsync("12 Carter Road, Bandra West, Mumbai");
        await Assertions.Expect(second.GetByLabel("Mobile")).ToHaveValueAsync("+91 98111 22334");
        await BrowserApp.ScreenshotAsync(second, "client-conflict");

        // Saving again, having seen the other change, goes through as the newer version.
        await second.GetByLabel("Address").FillAsync("12 Carter Road, Bandra West, Mumbai");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(second.GetByTestId("flash")).ToHaveTextAsync("Client saved.");
        await Assertions.Expect(second.Locator("main")).ToContainTextAsync("+91 98111 22334");
    }

    private static async Task<string> AddReferenceAsync(IPage page, string prospect)
    {
        await page.GotoAsync("/leads/new");
        await page.GetByLabel("Prospect name").FillAsync(prospect);
        await page.GetByLabel("Email").FillAsync("kabir.m@example.in");
        await page.SelectAsync("Mode of communication", "Call");
        await page.SelectAsync("Product of interest", "JLNB Liquid Fund");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveTextAsync("New");
        return page.Url;
    }
}

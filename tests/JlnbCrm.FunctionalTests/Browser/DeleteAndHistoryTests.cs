using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// A junior reads who changed their reference and when (India time); their head deletes it, confirming in the
/// browser's dialog and giving a reason, and the reference is gone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DeleteAndHistoryTests(BrowserApp app)
{
    [GeneratedRegex(@"\d{1,2} \w{3} \d{4}, \d{2}:\d{2} IST")]
    private static partial Regex IndiaTime();

    [Fact]
    public async Task A_junior_sees_their_references_history_and_their_head_deletes_it_with_a_reason()
    {
        // Priya adds a reference; her head moves it to WIP.
        var prospect = $"Deletable Prospect {Guid.NewGuid():N}"[..26];
        var junior = await app.SignInAsync("priya.nair@jlnb.in");
        await junior.GotoAsync("/leads/new");
        await junior.GetByLabel("Prospect name").FillAsync(prospect);
        await junior.GetByLabel("Mobile").FillAsync("+91 98200 44556");
        await junior.SelectAsync("Mode of communication", "Call");
        await junior.SelectAsync("Product of interest", "Focused Growth PMS");
        await junior.GetByRole(AriaRole.Button, new() { Name = "Add reference" }).ClickAsync();
        await Assertions.Expect(junior.GetByTestId("flash")).ToContainTextAsync("added");
        var leadUrl = junior.Url;
        await Assertions.Expect(junior.GetByTestId("delete-form")).ToHaveCountAsync(0); // juniors never delete

        var head = await app.SignInAsync("rohan.mehta@jlnb.in");
        await head.GotoAsync(leadUrl);
        await head.GetByRole(AriaRole.Button, new() { Name = "Move to WIP" }).ClickAsync();
        await Assertions.Expect(head.GetByTestId("status").First).ToHaveTextAsync("WIP");

        // The junior's page shows the history: who, what, when in India time.
        await junior.ReloadAsync();
        var history = junior.GetByTestId("history");
        var move = history.Locator("li", new() { HasText = "Rohan Mehta" });
        await Assertions.Expect(move).ToContainTextAsync("status: New → WIP");
        await Assertions.Expect(move).ToContainTextAsync(IndiaTime());
        await Assertions.Expect(history.Locator("li", new() { HasText = "Insert" })).ToContainTextAsync("Priya Nair");
        await BrowserApp.ScreenshotAsync(junior, "lead-history");

        // The head deletes it: a reason is required (beside the field, no dialog yet), then the browser asks.
        var form = head.GetByTestId("delete-form");
        string? asked = null;
        head.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.AcceptAsync(); };
        await form.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Say why it is deleted");
        Assert.Null(asked);
        await form.GetByLabel("Reason for deleting").FillAsync("Duplicate of a reference already in WIP");
        await form.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(head.GetByTestId("flash")).ToContainTextAsync("deleted");
        Assert.Contains("Delete this reference for good?", asked);
        await Assertions.Expect(head).ToHaveURLAsync(new Regex("/leads$"));

        var gone = await head.APIRequest.GetAsync(leadUrl); // the head's own session: not found, not merely refused
        Assert.Equal(404, gone.Status);
    }
}

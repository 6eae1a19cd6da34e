using System.Net;
using System.Text.RegularExpressions;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Pages;

/// <summary>
/// The add-reference form's duplicate flag over HTTP, on both providers: a match the user may not see is flagged
/// without a link or any of the record's data; a match they see is named and linked.
/// </summary>
public abstract partial class DuplicateFormPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{

    [GeneratedRegex("<div class=\"alert alert-warning mt-3\" id=\"possible-duplicates\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex DuplicatesBox();

    private async Task<(long Id, string Name, string Mobile)> PriyasLeadAsync()
    {
        var admin = app.Client();
        var name = $"Form Hidden {Guid.NewGuid():N}";
        var mobile = $"72{Random.Shared.Next(10_000_000, 99_999_999)}";
        var id = (await admin.MutateAsync(Mutation("createLead", "CreateLeadInput", "lead { databaseId }"), "createLead", new
        {
            prospectName = name, mobile, modeOfCommunication = "CALL", productId = await admin.ProductIdAsync("JLNB Liquid Fund"),
            refObtainedById = await admin.UserIdAsync("priya.nair@jlnb.in"),
        }))["lead"]!.Long("databaseId");
        return (id, name, mobile);
    }

    private async Task<string> PostAsync(string email, string mobile)
    {
        var http = app.Browser();
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", email, DemoDirectory.Password, expectSuccess: true);
        var form = await (await http.GetAsync("/leads/new")).Content.ReadAsStringAsync();
        var response = await http.PostAsync("/leads/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.ProspectName"] = "Form Duplicate", ["Input.Mobile"] = mobile, ["Input.ModeOfCommunication"] = "Call",
            ["Input.ProductId"] = (await app.Client().ProductIdAsync("JLNB Liquid Fund")).ToString(),
            ["Input.RefObtainedById"] = (await app.Client().UserIdAsync(email)).ToString(),
            ["__RequestVerificationToken"] = OidcFlow.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, with the flag: nothing was added
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_hidden_match_is_flagged_without_a_link_and_a_visible_one_links_to_the_record()
    {
        var (id, name, mobile) = await PriyasLeadAsync();

        var junior = await PostAsync("vikram.singh@jlnb.in", mobile);
        var box = DuplicatesBox().Match(junior).Value;
        Assert.Contains("data-hidden-match", box);
        Assert.Contains("a client or reference you cannot see; ask your head or an admin.", box);
        Assert.DoesNotContain("<a ", box);
        Assert.DoesNotContain("Priya", box); // the page's staff list names her, so the box is what must not
        foreach (var leak in new[] { name, $"/leads/{id}" })
            Assert.DoesNotContain(leak, junior);

        var admin = DuplicatesBox().Match(await PostAsync("admin@jlnb.in", mobile)).Value;
        Assert.Contains($"<a href=\"/leads/{id}\">{name}</a>", admin);
        Assert.DoesNotContain("data-hidden-match", admin);
    }
}

public sealed class PostgresDuplicateFormPageTests(PostgresGraphApp app) : DuplicateFormPageTests<PostgresGraphApp>(app);
public sealed class SqliteDuplicateFormPageTests(SqliteGraphApp app) : DuplicateFormPageTests<SqliteGraphApp>(app);

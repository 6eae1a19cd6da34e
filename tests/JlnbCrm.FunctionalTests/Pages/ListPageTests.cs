using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Pages;

/// <summary>
/// The list screens over HTTP on both providers: the client search (whose SQL differs per provider) finds by
/// PAN prefix, name fragment and mobile digits, and every list costs the same number of SQL statements for one
/// row as for a full page (no query per row); a forged cursor, a control character or an impossible age in the
/// address shows the list from its first page with the reason, never a 500.
/// </summary>
public abstract class ListPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.Browser();
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", email, DemoDirectory.Password, expectSuccess: true);
        return http;
    }

    private async Task<(int Statements, string Html)> GetAsync(HttpClient http, string path)
    {
        app.Commands.Reset();
        var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        return (app.Commands.Count, html);
    }

    [Theory]
    [InlineData("/clients", "/clients?q={pan}", true)]
    [InlineData("/leads", "/leads?name={name}", true)]
    [InlineData("/service-requests", "/service-requests?age=36500", true)]
    [InlineData("/queries", "/queries?age=36500", false)]
    [InlineData("/admin/audit", "/admin/audit?entity=nothing", false)]
    public async Task A_full_page_costs_the_statements_of_a_one_row_page(string full, string narrow, bool fullPage)
    {
        await using var db = app.Db.Open();
        var client = await db.Clients.IgnoreQueryFilters().OrderBy(c => c.Id).FirstAsync();
        var lead = await db.Leads.IgnoreQueryFilters().OrderBy(l => l.Id).FirstAsync();
        var http = await SignedInAsync("admin@jlnb.in");
        var (fullCount, fullHtml) = await GetAsync(http, full);
        var (narrowCount, _) = await GetAsync(http, narrow.Replace("{pan}", client.Pan).Replace("{name}", Uri.EscapeDataString(lead.ProspectName)));
        if (fullPage) Assert.Contains("rel=\"next\"", fullHtml); // the full page really is full
        Assert.DoesNotContain("match.</td>", fullHtml);
        Assert.Equal(narrowCount, fullCount);
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_and_writes_nothing()
    {
        var http = await SignedInAsync("priya.nair@jlnb.in");
        var pan = Databases.TestData.NewPan();
        var response = await http.PostAsync("/clients/edit", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Input.Name"] = "Forged Client", ["Input.Pan"] = pan }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.Db.Open();
        Assert.False(await db.Clients.IgnoreQueryFilters().AnyAsync(c => c.Pan == pan));
    }

    [Fact]
    public async Task The_client_search_finds_by_pan_prefix_name_fragment_and_mobile_digits_within_what_the_user_may_see()
    {
        await using var db = app.Db.Open();
        var priya = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "priya.nair@jlnb.in");
        var own = await db.Clients.IgnoreQueryFilters().Where(c => c.AssignedRmId == priya.Id && c.Mobile != null).OrderBy(c => c.Id).FirstAsync();
        var other = await db.Clients.IgnoreQueryFilters().Where(c => c.AssignedRm!.TeamId != priya.TeamId).OrderBy(c => c.Id).FirstAsync();
        var http = await SignedInAsync(priya.Email);

        foreach (var term in new[] { own.Pan[..6].ToLowerInvariant(), own.Name.Split(' ')[1][1..].ToUpperInvariant(), own.Mobile!.Replace(" ", "")[^6..] })
        {
            var (_, html) = await GetAsync(http, $"/clients?q={Uri.EscapeDataString(term)}");
            Assert.Contains($"href=\"/clients/{own.Id}\"", html);
        }
        var (_, hidden) = await GetAsync(http, $"/clients?q={other.Pan}");
        Assert.Contains("No clients match.", hidden);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/clients/{other.Id}")).StatusCode);
    }

    // Base64url JSON in the cursor's shape, but with a number and a null where the sort values go.
    private static readonly string WrongTypes = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"O\":\"Name+,Id+\",\"K\":[7,null]}"))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static TheoryData<string, string> RefusedAddresses()
    {
        var addresses = new TheoryData<string, string>();
        foreach (var list in new[] { "/clients", "/leads", "/queries", "/service-requests", "/admin/audit" })
        {
            addresses.Add(list, $"{list}?after=garbage");
            addresses.Add(list, $"{list}?before={WrongTypes}");
            addresses.Add(list, $"{list}?after=%00"); // a control character where these lists have no search box
        }
        addresses.Add("/clients", "/clients?q=ab%00cd");
        addresses.Add("/clients", "/clients?q=%1B&after=garbage");
        addresses.Add("/clients", "/clients?handler=Export&q=%00");
        addresses.Add("/leads", "/leads?name=%07");
        addresses.Add("/leads", "/leads?handler=Export&name=x%00");
        // A number of days past what a date can hold (DateTime.AddDays threw: a 500), or below zero.
        addresses.Add("/queries", "/queries?age=3000000");
        addresses.Add("/queries", "/queries?age=-1&after=garbage");
        addresses.Add("/service-requests", "/service-requests?age=3000000");
        addresses.Add("/service-requests", "/service-requests?handler=Export&age=36501");
        return addresses;
    }

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public async Task A_forged_cursor_or_a_control_character_shows_the_first_page_with_the_reason(
        string list, string address)
    {
        var http = await SignedInAsync("admin@jlnb.in");
        var (_, first) = await GetAsync(http, list);
        var response = await http.GetAsync(address);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"list-refusal\"", html);
        Assert.Matches("The cursor in &#x27;(after|before)&#x27;|control character U&#x2B;00"
            + "|&#x27;age&#x27; must be a number of days from 0 to 36500", html);
        Assert.Equal(Rows(first), Rows(html));
        Assert.False(html.Contains('\0', StringComparison.Ordinal), "The refused text is echoed");
    }

    [Theory]
    [InlineData("/leads?from=0001-01-01&to=9999-12-31")]
    [InlineData("/interactions?from=0001-01-01&to=9999-12-31")]
    [InlineData("/admin/audit?from=0001-01-01&to=9999-12-31")]
    [InlineData("/leads?handler=Export&to=9999-12-31")]
    public async Task The_calendars_first_and_last_days_are_a_date_range_like_any_other(string address)
    {
        // "To" means up to the end of that Indian day; the calendar's last day has no next day (AddDays threw: a 500).
        var http = await SignedInAsync("admin@jlnb.in");
        var response = await http.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The list's rows as the page shows them (the table body).</summary>
    private static string Rows(string html) =>
        Regex.Match(html, "<tbody>(.*?)</tbody>", RegexOptions.Singleline) is { Success: true } rows
            ? rows.Groups[1].Value : throw new Xunit.Sdk.XunitException("The page shows no list:\n" + html);
}

public sealed class PostgresListPageTests(PostgresGraphApp app) : ListPageTests<PostgresGraphApp>(app);
public sealed class SqliteListPageTests(SqliteGraphApp app) : ListPageTests<SqliteGraphApp>(app);

using System.Net;
using System.Text.RegularExpressions;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;
using Microsoft.EntityFrameworkCore;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Pages;

/// <summary>
/// The client screens over HTTP, as a junior who reaches another RM's client only through a service request
/// assigned to them: the profile shows the client but offers no edit, product or RM action, the edit form is
/// refused, and forms posted anyway are refused by the domain and write nothing.
/// </summary>
public abstract partial class EditRightsPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.Browser();
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", email, DemoDirectory.Password, expectSuccess: true);
        return http;
    }

    /// <summary>A client of Priya's with a query assigned to Amit (Delhi), who thereby sees the client.</summary>
    private async Task<(long Id, long Version)> PriyasClientAmitWorksOnAsync()
    {
        var admin = app.Client();
        var client = (await admin.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId version }"), "createClient",
            new { name = "Work-only Client", pan = Databases.TestData.NewPan(), mobile = "9820033333",
                assignedRmId = await admin.UserIdAsync("priya.nair@jlnb.in") }))["client"]!;
        await admin.MutateAsync(Mutation("openClientQuery", "OpenClientQueryInput", "__typename"), "openClientQuery",
            new { clientId = client.Long("databaseId"), details = "Statement missing",
                assignedRmId = await admin.UserIdAsync("amit.verma@jlnb.in") });
        return (client.Long("databaseId"), client.Long("version"));
    }

    private static async Task<string> TokenFromAsync(HttpClient http, string path)
    {
        var html = await (await http.GetAsync(path)).Content.ReadAsStringAsync();
        return OidcFlow.AntiforgeryToken(html);
    }

    [Fact]
    public async Task The_profile_of_a_client_seen_through_work_offers_no_edit_product_or_rm_action_but_the_owners_does()
    {
        var (id, _) = await PriyasClientAmitWorksOnAsync();
        var amit = await SignedInAsync("amit.verma@jlnb.in");
        var seen = await amit.GetAsync($"/clients/{id}");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode); // he sees it, so a refusal below is about the right to act
        var html = await seen.Content.ReadAsStringAsync();
        Assert.Contains("Work-only Client", html);
        foreach (var action in new[] { $"href=\"/clients/edit/{id}\"", "handler=AddProduct", "handler=Assign", "handler=Query", "Log.CrossSellProductIds" })
            Assert.DoesNotContain(action, html);
        Assert.Contains("handler=Log", html); // anyone who sees a client may log what they did with it

        var owner = await (await (await SignedInAsync("priya.nair@jlnb.in")).GetAsync($"/clients/{id}")).Content.ReadAsStringAsync();
        foreach (var action in new[] { $"href=\"/clients/edit/{id}\"", "handler=AddProduct", "handler=Query", "Log.CrossSellProductIds" })
            Assert.Contains(action, owner);
    }

    [Fact]
    public async Task Editing_a_client_seen_through_work_is_refused_and_writes_nothing()
    {
        var (id, version) = await PriyasClientAmitWorksOnAsync();
        var amit = await SignedInAsync("amit.verma@jlnb.in");
        Assert.NotEqual(HttpStatusCode.OK, (await amit.GetAsync($"/clients/edit/{id}")).StatusCode);

        // Posted anyway, with a valid anti-forgery token from a form he may use: the domain refuses it.
        var token = await TokenFromAsync(amit, "/clients/edit");
        var response = await amit.PostAsync($"/clients/edit/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Renamed By Amit", ["Input.Pan"] = Databases.TestData.NewPan(), ["Input.Mobile"] = "9876500000",
            ["Version"] = version.ToString(), ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("their RM Head or an administrator may edit its details", await response.Content.ReadAsStringAsync());

        var productToken = await TokenFromAsync(amit, $"/clients/{id}");
        var product = await app.Client().ProductIdAsync("JLNB Liquid Fund");
        var added = await amit.PostAsync($"/clients/{id}?handler=AddProduct", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Holding.ProductId"] = product.ToString(), ["__RequestVerificationToken"] = productToken }));
        Assert.Contains("their RM Head or an administrator may change its products", await added.Content.ReadAsStringAsync());

        await using var db = app.Db.Open();
        var client = await db.Clients.IgnoreQueryFilters().Include(c => c.Products).SingleAsync(c => c.Id == id);
        Assert.Equal("Work-only Client", client.Name);
        Assert.Equal("9820033333", client.Mobile);
        Assert.Empty(client.Products);
    }
}

public sealed class PostgresEditRightsPageTests(PostgresGraphApp app) : EditRightsPageTests<PostgresGraphApp>(app);
public sealed class SqliteEditRightsPageTests(SqliteGraphApp app) : EditRightsPageTests<SqliteGraphApp>(app);

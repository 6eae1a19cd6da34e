using System.Net;
using System.Text.RegularExpressions;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Households;

/// <summary>
/// The site's household, KYC and consent screens over HTTP, as Amit (Delhi) against a family of Priya's (Mumbai):
/// lists and filters show nothing of it, and forms posted with her ids in their fields (a household id in the join
/// form, a consent id in the withdrawal form, her client's id in the route) are refused and change nothing.
/// </summary>
public abstract partial class FamilyPageLeakTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Priya = "priya.nair@jlnb.in", Amit = "amit.verma@jlnb.in";


    private async Task<HttpClient> SignedInAsync(string email)
    {
        var http = app.Browser();
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", email, DemoDirectory.Password, expectSuccess: true);
        return http;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string tokenPage, string path,
        Dictionary<string, string> fields)
    {
        var html = await (await http.GetAsync(tokenPage)).Content.ReadAsStringAsync();
        fields["__RequestVerificationToken"] = OidcFlow.AntiforgeryToken(html);
        return await http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static async Task<long> NewClientAsync(GraphClient rm, string name) =>
        (await rm.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId }"), "createClient",
            new { name, pan = TestData.NewPan() }))["client"]!.Long("databaseId");

    [Fact]
    public async Task Another_teams_RM_finds_nothing_of_a_family_on_the_lists_and_forged_form_ids_change_nothing()
    {
        var tag = $"Fp{Guid.NewGuid():N}"[..10];
        var priya = app.ClientAs(Priya);
        var secret = $"{tag} Secret Head";
        var head = await NewClientAsync(priya, secret);
        await priya.MutateAsync(Mutation("recordKyc", "RecordKycInput", "__typename"), "recordKyc",
            new { clientId = head, status = "ON_HOLD" });
        var household = (await priya.MutateAsync(Mutation("createHousehold", "CreateHouseholdInput", "household { databaseId }"),
            "createHousehold", new { name = $"{tag} Family", headClientId = head }))["household"]!.Long("databaseId");
        var consent = (await priya.MutateAsync(Mutation("giveConsent", "GiveConsentInput", "consent { databaseId version }"),
            "giveConsent", new { clientId = head, purpose = "MARKETING", evidence = "Signed form" }))["consent"]!;
        var own = await NewClientAsync(app.ClientAs(Amit), $"{tag} Amits Client");

        var amit = await SignedInAsync(Amit);
        Assert.Equal(HttpStatusCode.NotFound, (await amit.GetAsync($"/households/{household}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await amit.GetAsync($"/clients/{head}")).StatusCode);
        foreach (var list in new[] { $"/households?q={tag}", $"/households?q={Uri.EscapeDataString(secret)}",
                     $"/clients?household={household}", $"/clients?kyc=OnHold&q={tag}", $"/clients?handler=Export&household={household}",
                     $"/clients?handler=Export&kyc=OnHold&q={tag}" })
        {
            var response = await amit.GetAsync(list);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            // The search box echoes what he typed: a row would link to the record (or, in a CSV, carry its name).
            Assert.DoesNotContain($"/households/{household}\"", text);
            Assert.DoesNotContain($"/clients/{head}\"", text);
            if (list.Contains("Export")) Assert.DoesNotContain(secret, text);
        }

        // Forged ids: her household in his client's join form; her consent in his client's withdrawal form; her
        // client's id in the route of the KYC, export and household forms.
        var mine = $"/clients/{own}";
        await PostAsync(amit, mine, $"{mine}?handler=JoinHousehold", new() { ["Family.HouseholdId"] = household.ToString() });
        await PostAsync(amit, mine, $"{mine}?handler=WithdrawConsent", new()
        {
            ["WithdrawConsent.ConsentId"] = consent.Long("databaseId").ToString(),
            ["WithdrawConsent.ConsentVersion"] = consent.Long("version").ToString(), ["WithdrawConsent.Evidence"] = "forged",
        });
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(amit, mine, $"/clients/{head}?handler=Kyc",
            new() { ["Kyc.Status"] = "Validated" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(amit, mine, $"/clients/{head}?handler=Export",
            new() { ["format"] = "Json" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(amit, mine, $"/households/{household}?handler=Rename",
            new() { ["Name"] = "Taken over", ["Version"] = "0" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(amit, mine, $"/households/{household}?handler=Head",
            new() { ["clientId"] = own.ToString() })).StatusCode);

        var after = (await priya.DataAsync("""
            query($id: Long) { clients(where: { databaseId: { eq: $id } }) { edges { node { kycStatus
              household { name headClientId } consents { items { isCurrent } } } } } }
            """, new { id = head }))["clients"]!["edges"]![0]!["node"]!;
        Assert.Equal("ON_HOLD", after.Str("kycStatus"));
        Assert.Equal(($"{tag} Family", head), (after["household"]!.Str("name"), after["household"]!.Long("headClientId")));
        Assert.True(after["consents"]!["items"]![0]!["isCurrent"]!.GetValue<bool>());
        var his = (await app.Client().DataAsync("query($id: Long) { clients(where: { databaseId: { eq: $id } }) " +
            "{ edges { node { householdId } } } }", new { id = own }))["clients"]!["edges"]![0]!["node"]!;
        Assert.Null(his["householdId"]);
    }
}

public sealed class PostgresFamilyPageLeakTests(PostgresGraphApp app) : FamilyPageLeakTests<PostgresGraphApp>(app);
public sealed class SqliteFamilyPageLeakTests(SqliteGraphApp app) : FamilyPageLeakTests<SqliteGraphApp>(app);

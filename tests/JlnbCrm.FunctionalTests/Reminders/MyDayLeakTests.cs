using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Reminders;

/// <summary>
/// My day must hold the reviews and occasions of the clients in the person's care only (docs/access.md, Review
/// calendar and My day): a client someone reaches through a query or a desk's request, or shares a household with,
/// is theirs to open but never on their calendar, over GraphQL and on the /my-day page alike.
/// </summary>
public abstract class MyDayLeakTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IClockedApp
{
    private const string Admin = "admin@jlnb.in", Priya = "priya.nair@jlnb.in", Rohan = "rohan.mehta@jlnb.in";
    private const string Vikram = "vikram.singh@jlnb.in", Amit = "amit.verma@jlnb.in", Kavita = "kavita.sharma@jlnb.in";
    private const string Meera = "meera.pillai@jlnb.in", Farhan = "farhan.qureshi@jlnb.in";
    private const string MyDay = """
        { myDay { reviewsDue { client { databaseId } } occasions { client { databaseId } } } }
        """;

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(5.5));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd");

    private static async Task<long[]> CalendarAsync(GraphClient client)
    {
        var day = (await client.DataAsync(MyDay))["myDay"]!;
        return day["reviewsDue"]!.AsArray().Concat(day["occasions"]!.AsArray())
            .Select(n => n!["client"]!.Long("databaseId")).ToArray();
    }

    [Fact]
    public async Task A_client_reached_through_work_or_a_shared_household_is_never_on_that_persons_calendar()
    {
        var today = Today;
        var name = $"Calendar Secret {Guid.NewGuid():N}"[..28];
        var priya = await app.SignedInAsync(Priya);
        var client = (await priya.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId }"), "createClient", new
        {
            name, pan = TestData.NewPan(), reviewFrequency = "QUARTERLY", nextReviewOn = Iso(today.AddDays(-1)),
            dateOfBirth = Iso(new DateOnly(1980, today.Month, today.Day)),
            anniversary = Iso(new DateOnly(2004, today.AddDays(1).Month, today.AddDays(1).Day)),
        }))["client"]!.Long("databaseId");

        // Vikram (her team) and Amit (Delhi) work queries on the client; the KYC desk has an unassigned request on it;
        // Amit's own client shares a household with it.
        var admin = await app.SignedInAsync(Admin);
        var openQuery = Mutation("openClientQuery", "OpenClientQueryInput", "__typename");
        foreach (var worker in new[] { Vikram, Amit })
            await admin.MutateAsync(openQuery, "openClientQuery",
                new { clientId = client, details = "Statement missing", assignedRmId = await admin.UserIdAsync(worker) });
        await priya.MutateAsync(Mutation("createServiceRequest", "CreateServiceRequestInput", "__typename"), "createServiceRequest",
            new { clientId = client, type = "ADDRESS_CHANGE", details = "New flat." });
        var household = (await priya.MutateAsync(Mutation("createHousehold", "CreateHouseholdInput", "household { databaseId }"),
            "createHousehold", new { name = $"{name} Family", headClientId = client }))["household"]!.Long("databaseId");
        var amit = await app.SignedInAsync(Amit);
        var amitsClient = (await amit.MutateAsync(Mutation("createClient", "CreateClientInput", "client { databaseId }"),
            "createClient", new { name = $"{name} Son", pan = TestData.NewPan() }))["client"]!.Long("databaseId");
        await admin.MutateAsync(Mutation("addHouseholdMember", "AddHouseholdMemberInput", "__typename"), "addHouseholdMember",
            new { householdId = household, clientId = amitsClient });

        // The RM and her head have it (the control); everyone else who may open it does not.
        Assert.Contains(client, await CalendarAsync(priya));
        Assert.Contains(client, await CalendarAsync(await app.SignedInAsync(Rohan)));
        foreach (var email in new[] { Vikram, Amit, Kavita, Meera, Farhan, Admin })
        {
            var seen = (await (await app.SignedInAsync(email)).DataAsync(
                "query($id: Long) { clients(where: { databaseId: { eq: $id } }) { totalCount } }", new { id = client }))["clients"]!;
            Assert.Equal(1, seen["totalCount"]!.GetValue<int>()); // they do reach the client
            Assert.DoesNotContain(client, await CalendarAsync(await app.SignedInAsync(email)));
        }

        // The page reads the same report.
        Assert.Contains(name, await PageAsync(Priya));
        foreach (var email in new[] { Vikram, Amit, Farhan })
            Assert.DoesNotContain(name, await PageAsync(email));
    }

    private async Task<string> PageAsync(string email)
    {
        var http = app.Browser();
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", email, DemoDirectory.Password, expectSuccess: true);
        return System.Net.WebUtility.HtmlDecode(await http.GetStringAsync("/my-day"));
    }
}

public sealed class PostgresMyDayLeakTests(ClockedPostgresGraphApp app) : MyDayLeakTests<ClockedPostgresGraphApp>(app);
public sealed class SqliteMyDayLeakTests(ClockedSqliteGraphApp app) : MyDayLeakTests<ClockedSqliteGraphApp>(app);

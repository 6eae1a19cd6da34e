using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Reminders;

/// <summary>
/// The review calendar and My day over GraphQL, on the test clock (Monday 2 Nov 2026, 10:00 IST, moved forward only):
/// who sees which reminders, how a logged Portfolio Review moves the next review, and how the schedule is validated.
/// </summary>
public abstract class MyDayTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IClockedApp
{
    private const string Priya = "priya.nair@jlnb.in", Rohan = "rohan.mehta@jlnb.in", Amit = "amit.verma@jlnb.in";
    private const string Kavita = "kavita.sharma@jlnb.in", Meera = "meera.pillai@jlnb.in", Farhan = "farhan.qureshi@jlnb.in";
    private const string Schedule = "databaseId version reviewFrequency nextReviewOn anniversary";
    private static readonly string Create = Mutation("createClient", "CreateClientInput", $"client {{ {Schedule} }}");
    private static readonly string Update = Mutation("updateClient", "UpdateClientInput", $"client {{ {Schedule} }}");
    private static readonly string Log = Mutation("logInteraction", "LogInteractionInput", "interaction { databaseId }");
    private static readonly string OpenQuery = Mutation("openClientQuery", "OpenClientQueryInput", "clientQuery { databaseId }");
    private static readonly string CreateRequest = Mutation("createServiceRequest", "CreateServiceRequestInput",
        "serviceRequest { databaseId version }");
    private static readonly string AssignRequest = Mutation("assignServiceRequest", "AssignServiceRequestInput",
        "serviceRequest { databaseId }");

    private const string ClientFields = "databaseId name assignedRm { email team { name } }";
    private const string MyDay = $$"""
        { myDay { today until
            reviewsDue { dueOn daysOverdue client { {{ClientFields}} } }
            occasions { kind on years client { {{ClientFields}} } }
            overdueQueries { databaseId slaState assignedRm { email } }
            overdueServiceRequests { databaseId slaState assignedUser { email } } } }
        """;

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(5.5));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd");

    private static async Task<JsonNode> MyDayAsync(GraphClient client) => (await client.DataAsync(MyDay))["myDay"]!;

    private static IEnumerable<JsonNode> Section(JsonNode day, string name) => day[name]!.AsArray().Select(n => n!);

    private static IEnumerable<long> ClientIds(JsonNode day, string section) =>
        Section(day, section).Select(n => n["client"]!.Long("databaseId"));

    private async Task<long> NewClientAsync(GraphClient rm, string name, object schedule)
    {
        var fields = new Dictionary<string, object?> { ["name"] = name, ["pan"] = TestData.NewPan() };
        foreach (var property in schedule.GetType().GetProperties()) fields[property.Name] = property.GetValue(schedule);
        return (await rm.MutateAsync(Create, "createClient", fields))["client"]!.Long("databaseId");
    }

    [Fact]
    public async Task A_logged_portfolio_review_moves_the_next_review_on_by_the_frequency_and_never_back()
    {
        var priya = await app.SignedInAsync(Priya);
        var today = Today;
        var id = await NewClientAsync(priya, "Review Calendar Client", new { reviewFrequency = "QUARTERLY", nextReviewOn = Iso(today.AddDays(2)) });
        Assert.Contains(id, ClientIds(await MyDayAsync(priya), "reviewsDue"));

        var now = app.Clock.GetUtcNow().UtcDateTime;
        await priya.MutateAsync(Log, "logInteraction", new { clientId = id, type = "PORTFOLIO_REVIEW", details = "Reviewed.", occurredAt = now });
        var client = await priya.FirstAsync("clients", "ClientFilterInput", new { databaseId = new { eq = id } }, Schedule);
        Assert.Equal(Iso(today.AddMonths(3)), client.Str("nextReviewOn"));
        Assert.DoesNotContain(id, ClientIds(await MyDayAsync(priya), "reviewsDue"));

        // A review logged late for a day months ago, and a call that is not a review, leave the date where it is.
        await priya.MutateAsync(Log, "logInteraction",
            new { clientId = id, type = "PORTFOLIO_REVIEW", details = "Backfilled.", occurredAt = now.AddMonths(-5) });
        await priya.MutateAsync(Log, "logInteraction", new { clientId = id, type = "NEW_BUSINESS", details = "Topped up." });
        client = await priya.FirstAsync("clients", "ClientFilterInput", new { databaseId = new { eq = id } }, Schedule);
        Assert.Equal(Iso(today.AddMonths(3)), client.Str("nextReviewOn"));
    }

    [Fact]
    public async Task The_review_schedule_and_anniversary_are_edited_with_updateClient_and_validated_with_the_field()
    {
        var priya = await app.SignedInAsync(Priya);
        var id = await NewClientAsync(priya, "Schedule Edit Client", new { });
        var client = await priya.FirstAsync("clients", "ClientFilterInput", new { databaseId = new { eq = id } }, Schedule);
        Assert.Equal(("NONE", null), (client.Str("reviewFrequency"), client.Str("nextReviewOn")));
        var version = client.Long("version");

        Assert.Equal(("REQUIRED", "nextReviewOn"),
            (await priya.RefusedAsync(Update, "updateClient", new { id, version, reviewFrequency = "MONTHLY" })).Single());
        Assert.Equal(("INVALID", "nextReviewOn"), (await priya.RefusedAsync(Update, "updateClient",
            new { id, version, reviewFrequency = "MONTHLY", nextReviewOn = "1990-01-01" })).Single());
        Assert.Equal(("INVALID", "anniversary"), (await priya.RefusedAsync(Update, "updateClient",
            new { id, version, anniversary = Iso(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)) })).Single());

        var updated = (await priya.MutateAsync(Update, "updateClient",
            new { id, version, reviewFrequency = "HALF_YEARLY", nextReviewOn = "2027-01-15", anniversary = "2001-02-14" }))["client"]!;
        Assert.Equal(("HALF_YEARLY", "2027-01-15", "2001-02-14"),
            (updated.Str("reviewFrequency"), updated.Str("nextReviewOn"), updated.Str("anniversary")));
        // Seeing a client through a query is not the right to reschedule it.
        var vikram = await app.SignedInAsync("vikram.singh@jlnb.in");
        Assert.Equal("NOT_FOUND", (await vikram.RefusedAsync(Update, "updateClient",
            new { id, version = updated.Long("version"), nextReviewOn = "2027-02-01" })).Single().Code);
    }

    [Fact]
    public async Task My_day_holds_each_persons_own_reminders_and_nothing_of_another_team()
    {
        var priya = await app.SignedInAsync(Priya);
        var amit = await app.SignedInAsync(Amit);
        var today = Today;
        var mumbai = await NewClientAsync(priya, "Mumbai Occasion Client", new
        {
            reviewFrequency = "YEARLY", nextReviewOn = Iso(today.AddDays(3)),
            dateOfBirth = Iso(new DateOnly(1980, today.AddDays(2).Month, today.AddDays(2).Day)),
            anniversary = Iso(new DateOnly(2005, today.AddDays(5).Month, today.AddDays(5).Day)),
        });
        var delhi = await NewClientAsync(amit, "Delhi Occasion Client", new
        {
            reviewFrequency = "MONTHLY", nextReviewOn = Iso(today.AddDays(-4)),
            dateOfBirth = Iso(new DateOnly(1975, today.AddDays(1).Month, today.AddDays(1).Day)),
        });
        var farAway = await NewClientAsync(priya, "Later Review Client", new
        {
            reviewFrequency = "QUARTERLY", nextReviewOn = Iso(today.AddDays(8)),
            dateOfBirth = Iso(new DateOnly(1990, today.AddDays(8).Month, today.AddDays(8).Day)),
        });

        var mine = await MyDayAsync(priya);
        Assert.Equal((Iso(today), Iso(today.AddDays(7))), (mine.Str("today"), mine.Str("until")));
        Assert.Contains(mumbai, ClientIds(mine, "reviewsDue"));
        Assert.DoesNotContain(farAway, ClientIds(mine, "reviewsDue").Concat(ClientIds(mine, "occasions")));
        var occasions = Section(mine, "occasions").Where(o => o["client"]!.Long("databaseId") == mumbai)
            .Select(o => (o.Str("kind"), o.Str("on"), o.Long("years"))).ToList();
        Assert.Equal([("BIRTHDAY", Iso(today.AddDays(2)), today.AddDays(2).Year - 1980L),
            ("ANNIVERSARY", Iso(today.AddDays(5)), today.AddDays(5).Year - 2005L)], occasions);
        AllInCareOf(mine, c => c["assignedRm"]!.Str("email") == Priya);

        var rohan = await MyDayAsync(await app.SignedInAsync(Rohan));
        Assert.Contains(mumbai, ClientIds(rohan, "reviewsDue"));
        Assert.Contains(mumbai, ClientIds(rohan, "occasions"));
        Assert.DoesNotContain(delhi, ClientIds(rohan, "reviewsDue").Concat(ClientIds(rohan, "occasions")));
        AllInCareOf(rohan, c => c["assignedRm"]!["team"]!.Str("name") == "Mumbai Wealth");

        var kavita = await MyDayAsync(await app.SignedInAsync(Kavita));
        var overdue = Section(kavita, "reviewsDue").Single(r => r["client"]!.Long("databaseId") == delhi);
        Assert.Equal((Iso(today.AddDays(-4)), 4L), (overdue.Str("dueOn"), overdue.Long("daysOverdue")));
        Assert.DoesNotContain(mumbai, ClientIds(kavita, "reviewsDue").Concat(ClientIds(kavita, "occasions")));
        AllInCareOf(kavita, c => c["assignedRm"]!["team"]!.Str("name") == "Delhi Private Clients");

        var farhan = await MyDayAsync(await app.SignedInAsync(Farhan));
        Assert.Empty(Section(farhan, "reviewsDue"));
        Assert.Empty(Section(farhan, "occasions"));
    }

    [Fact]
    public async Task Overdue_queries_and_requests_appear_for_their_assignee_only()
    {
        var priya = await app.SignedInAsync(Priya);
        var client = await NewClientAsync(priya, "Overdue Work Client", new { });
        var query = (await priya.MutateAsync(OpenQuery, "openClientQuery", new { clientId = client, details = "Statement missing." }))
            ["clientQuery"]!.Long("databaseId");
        var request = (await priya.MutateAsync(CreateRequest, "createServiceRequest",
            new { clientId = client, type = "ADDRESS_CHANGE", details = "New flat." }))["serviceRequest"]!;
        var meera = await app.SignedInAsync(Meera);
        var farhanId = await meera.UserIdAsync(Farhan);
        await meera.MutateAsync(AssignRequest, "assignServiceRequest",
            new { id = request.Long("databaseId"), version = request.Long("version"), userId = farhanId });
        Assert.DoesNotContain(query, Section(await MyDayAsync(priya), "overdueQueries").Select(q => q.Long("databaseId")));

        app.Clock.Advance(TimeSpan.FromDays(21)); // past every SLA target, holidays included
        var mine = await MyDayAsync(await app.SignedInAsync(Priya));
        Assert.Contains(query, Section(mine, "overdueQueries").Select(q => q.Long("databaseId")));
        Assert.All(Section(mine, "overdueQueries"), q => Assert.Equal((Priya, "OVERDUE"), (q["assignedRm"]!.Str("email")!, q.Str("slaState")!)));
        Assert.DoesNotContain(request.Long("databaseId"), Section(mine, "overdueServiceRequests").Select(s => s.Long("databaseId")));

        var farhan = await MyDayAsync(await app.SignedInAsync(Farhan));
        Assert.Contains(request.Long("databaseId"), Section(farhan, "overdueServiceRequests").Select(s => s.Long("databaseId")));
        Assert.All(Section(farhan, "overdueServiceRequests"),
            s => Assert.Equal((Farhan, "OVERDUE"), (s["assignedUser"]!.Str("email")!, s.Str("slaState")!)));
        Assert.Empty(Section(farhan, "overdueQueries"));

        var rohan = await MyDayAsync(await app.SignedInAsync(Rohan));
        Assert.DoesNotContain(query, Section(rohan, "overdueQueries").Select(q => q.Long("databaseId")));
    }

    /// <summary>Every client of the calendar sections passes <paramref name="inCare"/> (nothing of another book or team).</summary>
    private static void AllInCareOf(JsonNode day, Func<JsonNode, bool> inCare)
    {
        var clients = Section(day, "reviewsDue").Concat(Section(day, "occasions")).Select(n => n["client"]!).ToList();
        Assert.NotEmpty(clients);
        Assert.All(clients, c => Assert.True(inCare(c), $"{c.Str("name")} is not in this person's care"));
    }
}

public sealed class PostgresMyDayTests(ClockedPostgresGraphApp app) : MyDayTests<ClockedPostgresGraphApp>(app);
public sealed class SqliteMyDayTests(ClockedSqliteGraphApp app) : MyDayTests<ClockedSqliteGraphApp>(app);

using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.Graph.Hosting;
using JlnbCrm.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

public interface IClockedApp : IGraphApp
{
    FakeTimeProvider Clock { get; }
    DateTime MoveToNext(DayOfWeek day, int hour, int minute = 0);
    Task<GraphClient> SignedInAsync(string email);
}

/// <summary>The app on a test clock that tests move forward (never sleeping), starting Monday 2 Nov 2026, 10:00 IST.</summary>
public abstract class ClockedGraphApp<TDatabase> : GraphApp<TDatabase>, IClockedApp where TDatabase : TestDatabase, new()
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 4, 30, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Moves the clock to the next <paramref name="day"/> at this India time (at least a day ahead).</summary>
    public DateTime MoveToNext(DayOfWeek day, int hour, int minute = 0)
    {
        var ist = Clock.GetUtcNow().UtcDateTime.AddHours(5.5).Date.AddDays(1);
        while (ist.DayOfWeek != day) ist = ist.AddDays(1);
        var utc = DateTime.SpecifyKind(ist.AddHours(hour).AddMinutes(minute).AddHours(-5.5), DateTimeKind.Utc);
        Clock.SetUtcNow(utc);
        return utc;
    }

    /// <summary>Signs in afresh: tokens are dated by the same clock, so ones issued days "ago" have expired.</summary>
    public async Task<GraphClient> SignedInAsync(string email)
    {
        var tokens = await Identity.OidcFlow.SignInAsync(Browser(), email, DemoDirectory.Password);
        var http = Browser();
        http.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        return new GraphClient(http);
    }
}

public sealed class ClockedPostgresGraphApp : ClockedGraphApp<PostgresDatabase>;
public sealed class ClockedSqliteGraphApp : ClockedGraphApp<SqliteDatabase>;

/// <summary>SLA clocks over GraphQL: due-ats on create, states as time passes, admin-only targets, breaches in history.</summary>
public abstract class SlaTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IClockedApp
{
    private const string Admin = "admin@jlnb.in";
    private const string Sla = "databaseId version dueAt slaState minutesLeft breachRecordedAt";
    private static readonly string CreateRequest = Mutation("createServiceRequest", "CreateServiceRequestInput", $"serviceRequest {{ {Sla} }}");
    private static readonly string MoveRequest = Mutation("moveServiceRequest", "MoveServiceRequestInput", $"serviceRequest {{ {Sla} }}");
    private static readonly string OpenQuery = Mutation("openClientQuery", "OpenClientQueryInput", $"clientQuery {{ {Sla} }}");
    private static readonly string AddHoliday = Mutation("addHoliday", "AddHolidayInput", "holiday { databaseId date name }");
    private static readonly string RemoveHoliday = Mutation("removeHoliday", "RemoveHolidayInput", "holiday { databaseId }");
    private static readonly string SetLevel = Mutation("setServiceLevel", "SetServiceLevelInput", "serviceLevel { subject workingDays }");

    private static DateTime Ist(DateTime istDate, int hour) => DateTime.SpecifyKind(istDate.Date.AddHours(hour).AddHours(-5.5), DateTimeKind.Utc);

    private static async Task<long> AnyClientAsync(GraphClient client) =>
        (await client.FirstAsync("clients", "ClientFilterInput", new { })).Long("databaseId");

    private static async Task<JsonNode> RequestAsync(GraphClient client, long id) =>
        (await client.FirstAsync("serviceRequests", "ServiceRequestFilterInput", new { databaseId = new { eq = id } }, Sla));

    private static async Task<int> CountInStateAsync(GraphClient client, long id, string state) =>
        (await client.DataAsync("query($id: Long, $s: SlaState) { serviceRequests(sla: $s, where: { databaseId: { eq: $id } }) { totalCount } }",
            new { id, s = state }))["serviceRequests"]!["totalCount"]!.GetValue<int>();

    [Fact]
    public async Task Due_at_is_set_on_create_skipping_the_Sunday_and_a_holiday_in_the_way()
    {
        var friday = app.MoveToNext(DayOfWeek.Friday, 10).AddHours(5.5);
        var admin = await app.SignedInAsync(Admin);
        var monday = DateOnly.FromDateTime(friday.AddDays(3));
        var holiday = (await admin.MutateAsync(AddHoliday, "addHoliday", new { date = monday.ToString("yyyy-MM-dd"), name = "Test festival" }))["holiday"]!;
        try
        {
            var clientId = await AnyClientAsync(admin);
            var kyc = (await admin.MutateAsync(CreateRequest, "createServiceRequest",
                new { clientId, type = "KYC_UPDATE", details = "KYC refresh." }))["serviceRequest"]!;
            // 2 working days: Saturday, then (Sunday, the holiday) Tuesday, at the same India time.
            Assert.Equal(Ist(friday.AddDays(4), 10), kyc["dueAt"]!.GetValue<DateTime>().ToUniversalTime());
            Assert.Equal("ON_TIME", kyc.Str("slaState"));
            var query = (await admin.MutateAsync(OpenQuery, "openClientQuery", new { clientId, details = "Statement missing." }))["clientQuery"]!;
            Assert.Equal(Ist(friday.AddDays(5), 10), query["dueAt"]!.GetValue<DateTime>().ToUniversalTime()); // 3: Sat, Tue, Wed
            Assert.Equal(("DUPLICATE", "date"), (await admin.RefusedAsync(AddHoliday, "addHoliday",
                new { date = monday.ToString("yyyy-MM-dd"), name = "Again" })).Single());
        }
        finally
        {
            await admin.MutateAsync(RemoveHoliday, "removeHoliday", new { id = holiday.Long("databaseId") });
        }
    }

    [Fact]
    public async Task Sla_state_moves_from_on_time_to_due_today_to_overdue_as_the_clock_passes_and_closing_late_is_a_breach()
    {
        var monday = app.MoveToNext(DayOfWeek.Monday, 10).AddHours(5.5);
        var admin = await app.SignedInAsync(Admin);
        var created = (await admin.MutateAsync(CreateRequest, "createServiceRequest",
            new { clientId = await AnyClientAsync(admin), type = "REDEMPTION", details = "Redeem 100 units." }))["serviceRequest"]!;
        var id = created.Long("databaseId");
        Assert.Equal(Ist(monday.AddDays(1), 10), created["dueAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal((1, 0), (await CountInStateAsync(admin, id, "ON_TIME"), await CountInStateAsync(admin, id, "OVERDUE")));

        app.Clock.SetUtcNow(Ist(monday.AddDays(1), 9));
        admin = await app.SignedInAsync(Admin);
        var dueToday = await RequestAsync(admin, id);
        Assert.Equal(("DUE_TODAY", 60L), (dueToday.Str("slaState"), dueToday.Long("minutesLeft")));
        Assert.Equal(1, await CountInStateAsync(admin, id, "DUE_TODAY"));

        app.Clock.Advance(TimeSpan.FromMinutes(90));
        admin = await app.SignedInAsync(Admin);
        var overdue = await RequestAsync(admin, id);
        Assert.Equal(("OVERDUE", -30L), (overdue.Str("slaState"), overdue.Long("minutesLeft")));
        Assert.Equal((1, 0), (await CountInStateAsync(admin, id, "OVERDUE"), await CountInStateAsync(admin, id, "DUE_TODAY")));

        // Redemptions go to the Transactions desk: someone of that desk works it (an admin is on no desk).
        await admin.MutateAsync(Mutation("assignServiceRequest", "AssignServiceRequestInput", "__typename"), "assignServiceRequest",
            new { id, version = overdue.Long("version"), userId = await admin.UserIdAsync("pooja.desai@jlnb.in") });
        await admin.MutateAsync(MoveRequest, "moveServiceRequest", new { id, version = overdue.Long("version") + 1, status = "IN_PROGRESS" });
        var done = (await admin.MutateAsync(MoveRequest, "moveServiceRequest",
            new { id, version = overdue.Long("version") + 2, status = "COMPLETED" }))["serviceRequest"]!;
        Assert.Equal("BREACHED", done.Str("slaState"));
        Assert.Null(done["minutesLeft"]);
        Assert.Equal((1, 0), (await CountInStateAsync(admin, id, "BREACHED"), await CountInStateAsync(admin, id, "OVERDUE")));
    }

    [Fact]
    public async Task Everyone_reads_targets_and_holidays_but_only_an_administrator_changes_them()
    {
        var priya = await app.SignedInAsync("priya.nair@jlnb.in");
        var levels = (await priya.DataAsync("{ serviceLevels { subject requestType workingDays } holidays { date name } }"))["serviceLevels"]!.AsArray();
        Assert.Contains(levels, l => l!.Str("subject") == "KYC Update" && l!["workingDays"]!.GetValue<int>() == 2);
        Assert.Contains(levels, l => l!.Str("subject") == "Client Query" && l!["requestType"] is null);
        foreach (var (mutation, field, input) in new (string, string, object)[]
        {
            (SetLevel, "setServiceLevel", new { requestType = "KYC_UPDATE", workingDays = 9 }),
            (AddHoliday, "addHoliday", new { date = "2027-03-22", name = "Holi" }),
            (RemoveHoliday, "removeHoliday", new { id = 1 }),
        })
        {
            var refused = await priya.SendAsync(mutation, new { input });
            Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(refused));
        }

        var admin = await app.SignedInAsync(Admin);
        Assert.Equal(("INVALID", "workingDays"), (await admin.RefusedAsync(SetLevel, "setServiceLevel", new { workingDays = 0 })).Single());
        var set = (await admin.MutateAsync(SetLevel, "setServiceLevel", new { workingDays = 4 }))["serviceLevel"]!;
        Assert.Equal(("Client Query", 4), (set.Str("subject"), set["workingDays"]!.GetValue<int>()));
        var monday = app.MoveToNext(DayOfWeek.Monday, 10).AddHours(5.5);
        admin = await app.SignedInAsync(Admin);
        var query = (await admin.MutateAsync(OpenQuery, "openClientQuery",
            new { clientId = await AnyClientAsync(admin), details = "Dividend not credited." }))["clientQuery"]!;
        Assert.Equal(Ist(monday.AddDays(4), 10), query["dueAt"]!.GetValue<DateTime>().ToUniversalTime());
        await admin.MutateAsync(SetLevel, "setServiceLevel", new { workingDays = 3 });
    }

    [Fact]
    public async Task A_breach_is_recorded_once_in_the_history_however_often_and_concurrently_the_scanner_runs()
    {
        app.MoveToNext(DayOfWeek.Monday, 10);
        var admin = await app.SignedInAsync(Admin);
        var id = (await admin.MutateAsync(CreateRequest, "createServiceRequest",
            new { clientId = await AnyClientAsync(admin), type = "REDEMPTION", details = "Redeem all units." }))["serviceRequest"]!.Long("databaseId");
        var scanner = app.Services.GetRequiredService<SlaBreachScanner>();
        await scanner.ScanOnceAsync();
        Assert.Empty(await BreachesAsync(admin, id)); // not due yet

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await scanner.ScanOnceAsync();
        await scanner.ScanOnceAsync();
        await Task.WhenAll(scanner.ScanOnceAsync(), scanner.ScanOnceAsync(), scanner.ScanOnceAsync());
        admin = await app.SignedInAsync(Admin);
        var found = await BreachesAsync(admin, id);
        Assert.True(found.Count == 1, found.ToJsonString());
        var breach = found[0]!["node"]!;
        Assert.Null(breach["user"]);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, breach["at"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.NotNull((await RequestAsync(admin, id))["breachRecordedAt"]);
    }

    [Fact]
    public async Task Open_requests_per_desk_add_up_to_each_sla_state_and_a_desk_head_sees_only_her_desk()
    {
        app.MoveToNext(DayOfWeek.Tuesday, 10);
        var admin = await app.SignedInAsync(Admin);
        var clientId = await AnyClientAsync(admin);
        // One open request on each desk: KYC updates go to Meera's KYC desk, redemptions to the Transactions desk.
        foreach (var type in new[] { "KYC_UPDATE", "REDEMPTION" })
            await admin.MutateAsync(CreateRequest, "createServiceRequest", new { clientId, type, details = "Per-desk SLA." });

        var adminDesks = await AssertDesksAddUpAsync(admin);
        Assert.Contains(adminDesks, d => d.Str("deskName") == "Operations — KYC & Onboarding");
        Assert.Contains(adminDesks, d => d.Str("deskName") == "Operations — Transactions");

        var meera = await app.SignedInAsync("meera.pillai@jlnb.in");
        var meeraDesks = await AssertDesksAddUpAsync(meera);
        Assert.Equal(["Operations — KYC & Onboarding"], meeraDesks.Select(d => d.Str("deskName")));
        var kyc = adminDesks.Single(d => d.Str("deskName") == "Operations — KYC & Onboarding");
        Assert.Equal(kyc.ToJsonString(), meeraDesks.Single().ToJsonString()); // her whole desk, nothing more
    }

    /// <summary>Each state's sum over the desks is the caller's count of open requests in that state.</summary>
    private static async Task<List<JsonNode>> AssertDesksAddUpAsync(GraphClient client)
    {
        var desks = (await client.DataAsync("{ dashboard { slaByDesk { deskId deskName onTime dueToday overdue } } }"))
            ["dashboard"]!["slaByDesk"]!.AsArray().Select(d => d!).ToList();
        Assert.NotEmpty(desks);
        foreach (var (state, field) in new[] { ("ON_TIME", "onTime"), ("DUE_TODAY", "dueToday"), ("OVERDUE", "overdue") })
        {
            var total = (await client.DataAsync("query($s: SlaState) { serviceRequests(sla: $s) { totalCount } }", new { s = state }))
                ["serviceRequests"]!["totalCount"]!.GetValue<int>();
            Assert.Equal(total, desks.Sum(d => d[field]!.GetValue<int>()));
        }
        return desks;
    }

    private static async Task<JsonArray> BreachesAsync(GraphClient admin, long id) =>
        (await admin.DataAsync("""
            query($id: Long) { auditLog(where: { entity: { eq: "service_requests" }, entityId: { eq: $id }, action: { eq: SLA_BREACHED } })
              { edges { node { at entityId entity action user { email } } } } }
            """, new { id }))["auditLog"]!["edges"]!.AsArray();
}

public sealed class PostgresSlaTests(ClockedPostgresGraphApp app) : SlaTests<ClockedPostgresGraphApp>(app);
public sealed class SqliteSlaTests(ClockedSqliteGraphApp app) : SlaTests<ClockedSqliteGraphApp>(app);

using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

public abstract class ReferrerLedgerTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Ledger = """
        query($from: DateOnly, $to: DateOnly, $first: Int) { referrerLedger(from: $from, to: $to, first: $first) {
          kind referrerId name given converted denied open conversionRate averageDaysToConvert medianDaysToConvert } }
        """;
    private static readonly string Create = Mutation("createLead", "CreateLeadInput", "lead { databaseId version }");

    private static async Task<JsonArray> LedgerAsync(GraphClient client, object? period = null) =>
        (await client.DataAsync(Ledger, period ?? new { }))["referrerLedger"]!.AsArray();

    private static async Task<(long Id, long Version)> LeadAsync(GraphClient client, string givenBy)
    {
        var lead = (await client.MutateAsync(Create, "createLead", new
        {
            prospectName = $"Prospect of {givenBy}", email = "p@example.in", modeOfCommunication = "CALL", refGivenBy = givenBy,
            productId = await client.ProductIdAsync("JLNB Liquid Fund"), refObtainedById = await client.UserIdAsync("priya.nair@jlnb.in"),
        }))["lead"]!;
        return (lead.Long("databaseId"), lead.Long("version"));
    }

    private static async Task<long> CountAsync(GraphClient client, object where) =>
        (await client.DataAsync("query($w: LeadFilterInput) { leads(where: $w) { totalCount } }", new { w = where }))["leads"]!.Long("totalCount");

    [Fact]
    public async Task A_free_text_referrer_gets_given_converted_denied_and_rate()
    {
        var admin = app.Client();
        var referrer = $"Dr. Ledger {Guid.NewGuid():N}";
        var converted = await LeadAsync(admin, referrer);
        var denied = await LeadAsync(admin, referrer);
        await LeadAsync(admin, referrer);
        await LeadAsync(admin, referrer);
        await admin.MutateAsync(Mutation("convertLead", "ConvertLeadInput", "lead { status }"), "convertLead",
            new { id = converted.Id, version = converted.Version, pan = Databases.TestData.NewPan() });
        await admin.MutateAsync(Mutation("denyLead", "DenyLeadInput", "lead { status }"), "denyLead",
            new { id = denied.Id, version = denied.Version, reason = "Not interested." });

        var row = (await LedgerAsync(admin)).Single(r => r!.Str("name") == referrer)!;
        Assert.Equal(("OTHER", 4L, 1L, 1L, 2L, 0.25m), (row.Str("kind"), row.Long("given"), row.Long("converted"),
            row.Long("denied"), row.Long("open"), row["conversionRate"]!.GetValue<decimal>()));
        Assert.NotNull(row["medianDaysToConvert"]);
        Assert.True(row["averageDaysToConvert"]!.GetValue<double>() >= 0);
        Assert.Equal(4, await CountAsync(admin, new { refGivenBy = new { eq = referrer } }));
    }

    /// <summary>Row security decides the counts: each staff row equals the references that caller can list.</summary>
    [Theory]
    [InlineData("admin@jlnb.in")]
    [InlineData("vikram.singh@jlnb.in")]
    public async Task Staff_rows_equal_the_references_the_caller_can_list(string email)
    {
        var caller = app.ClientAs(email);
        var rows = (await LedgerAsync(caller)).Where(r => r!.Str("kind") == "STAFF").ToList();
        Assert.NotEmpty(rows);
        var everyone = await CountAsync(caller, new { });
        Assert.Equal(everyone, rows.Sum(r => r!.Long("given")));
        foreach (var row in rows.Take(4).Select(r => r!))
        {
            var mine = new { refObtainedById = new { eq = row.Long("referrerId") } };
            Assert.Equal(await CountAsync(caller, mine), row.Long("given"));
            Assert.Equal(await CountAsync(caller, new { refObtainedById = new { eq = row.Long("referrerId") }, status = new { eq = "CONVERTED" } }),
                row.Long("converted"));
        }
        if (email != "admin@jlnb.in")
            Assert.True(everyone < await CountAsync(app.Client(), new { }), "a junior sees fewer references than the admin");
    }

    [Fact]
    public async Task The_period_is_whole_days_in_India_time()
    {
        var admin = app.Client();
        var referrer = $"Boundary {Guid.NewGuid():N}";
        var before = await LeadAsync(admin, referrer);
        var after = await LeadAsync(admin, referrer);
        await using (var db = app.Db.Open())
        {
            // 2025-04-01 00:00 in Kolkata is 2025-03-31 18:30 UTC.
            var lastSecondOfMarch = new DateTime(2025, 3, 31, 18, 29, 59, DateTimeKind.Utc);
            var firstSecondOfApril = new DateTime(2025, 3, 31, 18, 30, 0, DateTimeKind.Utc);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE leads SET created_at = {lastSecondOfMarch} WHERE id = {before.Id}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE leads SET created_at = {firstSecondOfApril} WHERE id = {after.Id}");
        }
        async Task<long?> GivenAsync(string from, string to) =>
            (await LedgerAsync(admin, new { from, to })).SingleOrDefault(r => r!.Str("name") == referrer)?.Long("given");
        Assert.Equal(1, await GivenAsync("2025-03-31", "2025-03-31"));
        Assert.Equal(1, await GivenAsync("2025-04-01", "2025-04-01"));
        Assert.Equal(2, await GivenAsync("2025-03-31", "2025-04-01"));
        Assert.Null(await GivenAsync("2025-04-02", "2025-04-30"));
    }

    [Fact]
    public async Task First_limits_the_rows_and_bad_arguments_are_refused_by_field()
    {
        var admin = app.Client();
        Assert.Equal(2, (await LedgerAsync(admin, new { first = 2 })).Count);
        var refused = await admin.SendAsync(Ledger, new { first = 0 });
        Assert.Contains("INVALID", GraphClient.ErrorCodes(refused));
        var backwards = await admin.SendAsync(Ledger, new { from = "2025-05-01", to = "2025-04-01" });
        Assert.Contains("INVALID", GraphClient.ErrorCodes(backwards));
    }
}

public sealed class PostgresReferrerLedgerTests(PostgresGraphApp app) : ReferrerLedgerTests<PostgresGraphApp>(app);
public sealed class SqliteReferrerLedgerTests(SqliteGraphApp app) : ReferrerLedgerTests<SqliteGraphApp>(app);

using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.FunctionalTests.Graph;

namespace JlnbCrm.FunctionalTests.DemoFirm;

/// <summary>
/// The demo firm is what a newcomer explores first: every feature of the wealth-firm additions (issue 16) must have
/// rows to show, read through the API as the demo users see them. The tests' firm is small (200 clients), so what
/// holds here holds at the default 2,000.
/// </summary>
public abstract class DemoDataTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private static readonly string WeekAfter = DateOnly.FromDateTime(TestDatabase.Anchor).AddDays(7).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Households_every_kyc_state_consents_and_reviews_due_have_demo_rows()
    {
        var data = await app.Client().DataAsync($$"""
            {
              households(first: 1) { totalCount }
              split: households(first: 100) { edges { node { members { assignedRm { id } } } } }
              kyc: clientsAggregate(groupBy: [KYC_STATUS]) { count key { kycStatus } }
              marketingWithdrawn: clients(where: { consents: { some: { purpose: { eq: MARKETING },
                withdrawnAt: { neq: null } } } }) { totalCount }
              consenting: clients(where: { consents: { some: { withdrawnAt: { eq: null } } } }) { totalCount }
              dueThisWeek: clients(where: { nextReviewOn: { lte: "{{WeekAfter}}" } }) { totalCount }
            }
            """);
        Assert.True(data["households"]!.Long("totalCount") > 0, "households");
        Assert.Contains(data["split"]!["edges"]!.AsArray(), h => h!["node"]!["members"]!.AsArray()
            .Select(m => m!["assignedRm"]!.Str("id")).Distinct().Count() > 1);
        var kyc = data["kyc"]!.AsArray().ToDictionary(g => g!["key"]!.Str("kycStatus")!, g => g!.Long("count"));
        foreach (var state in new[] { "NOT_CHECKED", "VALIDATED", "REGISTERED", "ON_HOLD", "REJECTED" })
            Assert.True(kyc.GetValueOrDefault(state) > 0, $"KYC {state}: {string.Join(", ", kyc)}");
        Assert.True(data["marketingWithdrawn"]!.Long("totalCount") > 0, "withdrawn marketing consent");
        Assert.True(data["consenting"]!.Long("totalCount") > 0, "current consents");
        Assert.True(data["dueThisWeek"]!.Long("totalCount") > 0, "reviews overdue or due in the week the demo is seeded");
    }

    /// <summary>A junior RM and a head each have reviews on their day (overdue ones stay on it until logged).</summary>
    [Theory]
    [InlineData("priya.nair@jlnb.in")]
    [InlineData("rohan.mehta@jlnb.in")]
    public async Task Each_rm_has_reviews_on_my_day(string email)
    {
        var day = (await app.ClientAs(email).DataAsync("{ myDay { reviewsDue { dueOn } } }"))["myDay"]!;
        Assert.NotEmpty(day["reviewsDue"]!.AsArray());
    }

    /// <summary>
    /// The ledger has referrers of every kind with converted, denied and open references, conversion times of days
    /// (not the zero a reference converted in the instant it was created would give), spread over many months.
    /// </summary>
    [Fact]
    public async Task The_referrer_ledger_shows_referrers_with_every_outcome_over_months()
    {
        var data = await app.Client().DataAsync("""
            {
              referrerLedger { kind name given converted denied open averageDaysToConvert }
              byMonth: leadsAggregate(where: { refGivenByClientId: { neq: null } }, groupBy: [CREATED_AT], period: MONTH) { count }
            }
            """);
        var rows = data["referrerLedger"]!.AsArray().Select(r => r!).ToList();
        foreach (var kind in new[] { "STAFF", "CLIENT", "OTHER" })
        {
            var ofKind = rows.Where(r => r.Str("kind") == kind).ToList();
            Assert.Contains(ofKind, r => r.Long("converted") > 0 && r.Long("open") > 0 && r.Long("given") >= 3);
            Assert.Contains(ofKind, r => r["averageDaysToConvert"]?.GetValue<double>() >= 1);
        }
        Assert.Contains(rows, r => r.Str("kind") != "STAFF" && r.Long("denied") > 0);
        Assert.True(data["byMonth"]!.AsArray().Count >= 6, "references from referring clients spread over months");

        // A junior's ledger names only what they see, and still has rows of their own.
        var junior = (await app.ClientAs("priya.nair@jlnb.in").DataAsync("{ referrerLedger { kind converted } }"))["referrerLedger"]!;
        Assert.Contains(junior.AsArray(), r => r!.Str("kind") == "STAFF" && r!.Long("converted") > 0);
        Assert.Contains(junior.AsArray(), r => r!.Str("kind") == "CLIENT");
    }
}

public sealed class PostgresDemoDataTests(PostgresGraphApp app) : DemoDataTests<PostgresGraphApp>(app);
public sealed class SqliteDemoDataTests(SqliteGraphApp app) : DemoDataTests<SqliteGraphApp>(app);

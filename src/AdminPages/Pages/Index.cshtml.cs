using JlnbCrm.AdminPages.Display;
using JlnbCrm.Dashboard;
using JlnbCrm.Domain;
using JlnbCrm.Leads;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JlnbCrm.AdminPages;

/// <summary>The dashboard: the same figures as the API's dashboard, over the rows this user may see.</summary>
[Authorize]
public sealed class IndexModel(
    DashboardReport report, SlaReport sla, ReferrerLedger ledger, ICurrentActor actor, TimeProvider clock) : PageModel
{
    public string RoleName => EnumText<RoleLevel>.ToText(actor.Role);
    public string Month { get; private set; } = "";
    public IReadOnlyList<StatusCount> Pipeline { get; private set; } = [];
    public IReadOnlyList<RmConversion> Conversions { get; private set; } = [];
    public IReadOnlyList<StatusCount> RequestsByStatus { get; private set; } = [];
    public IReadOnlyList<ServiceRequestBucket> OpenRequestAges { get; private set; } = [];
    public QueryStats Queries { get; private set; } = new(0, 0, null);
    public IReadOnlyList<SlaWorkload> Sla { get; private set; } = [];
    public IReadOnlyList<SlaDeskWorkload> SlaByDesk { get; private set; } = [];
    /// <summary>Top referrers over the last twelve months; null for users the leaderboard is not for.</summary>
    public IReadOnlyList<ReferrerLedgerEntry>? Leaderboard { get; private set; }

    /// <summary>Open requests per age bucket, all types together (the chart); the table keeps the per-type detail.</summary>
    public IEnumerable<(string Age, int Count)> OpenByAge =>
        DashboardReport.AgeBuckets.Select(b => (b.Label, OpenRequestAges.Where(r => r.Age == b.Label).Sum(r => r.Count)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = IndianTime.Today(clock);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        Month = monthStart.ToString("MMMM yyyy");
        Pipeline = await report.LeadPipelineAsync(null, null, ct);
        Conversions = await report.ConversionRatesAsync(IndianTime.StartOfDayUtc(monthStart), IndianTime.StartOfDayUtc(monthStart.AddMonths(1)), ct);
        RequestsByStatus = await report.ServiceRequestsByStatusAsync(ct);
        OpenRequestAges = await report.OpenServiceRequestsAsync(ct);
        Queries = await report.QueryStatsAsync(null, null, ct);
        Sla = await sla.ByAssigneeAsync(ct);
        SlaByDesk = await sla.ByDeskAsync(ct);
        if (ReferrerLedger.ShowsLeaderboardTo(actor))
            Leaderboard = await ledger.ForPeriodAsync(today.AddYears(-1).AddDays(1), today, 10, ct);
    }
}

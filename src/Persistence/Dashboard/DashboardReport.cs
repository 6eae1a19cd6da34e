using JlnbCrm.ClientQueries;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Leads;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Dashboard;

/// <summary>
/// The figures on the dashboard, each one grouped query in SQL, shared by the API and the home page.
/// A reference "belongs" to its conversion RM, or to whoever obtained it until one is assigned.
/// </summary>
public sealed class DashboardReport(CrmDbContext db)
{
    public static readonly (string Label, int FromDays, int ToDays)[] AgeBuckets =
        [("0-2 days", 0, 2), ("3-7 days", 3, 7), ("8-30 days", 8, 30), ("Over 30 days", 31, int.MaxValue)];

    public async Task<IReadOnlyList<StatusCount>> LeadPipelineAsync(DateTime? from, DateTime? to, CancellationToken ct = default) =>
        (await Period(db.Leads, from, to).GroupBy(l => l.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
        .Select(g => new StatusCount(EnumText<LeadStatus>.ToText(g.Key), g.Count))
        .OrderBy(s => Array.IndexOf(Enum.GetValues<LeadStatus>(), EnumText<LeadStatus>.Parse(s.Status))).ToList();

    public async Task<IReadOnlyList<RmStatusCount>> LeadPipelineByRmAsync(DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        var rows = await Period(db.Leads, from, to)
            .GroupBy(l => new { Owner = l.ConversionRmId ?? l.RefObtainedById, l.Status })
            .Select(g => new { g.Key.Owner, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var names = await Names(rows.Select(r => r.Owner), ct);
        return rows.Select(r => new RmStatusCount(r.Owner, names[r.Owner], EnumText<LeadStatus>.ToText(r.Status), r.Count))
            .OrderBy(r => r.RmName).ThenBy(r => r.Status).ToList();
    }

    /// <summary>Of the references created in the period, how many each RM has converted.</summary>
    public async Task<IReadOnlyList<RmConversion>> ConversionRatesAsync(DateTime from, DateTime to, CancellationToken ct = default)
    {
        var rows = await Period(db.Leads, from, to)
            .GroupBy(l => l.ConversionRmId ?? l.RefObtainedById)
            .Select(g => new { Owner = g.Key, Total = g.Count(), Converted = g.Count(l => l.Status == LeadStatus.Converted) })
            .ToListAsync(ct);
        var names = await Names(rows.Select(r => r.Owner), ct);
        return rows.Select(r => new RmConversion(r.Owner, names[r.Owner], r.Total, r.Converted,
                r.Total == 0 ? 0 : Math.Round((decimal)r.Converted / r.Total, 4)))
            .OrderByDescending(r => r.Rate).ThenBy(r => r.RmName).ToList();
    }

    public async Task<IReadOnlyList<ServiceRequestBucket>> OpenServiceRequestsAsync(CancellationToken ct = default)
    {
        var now = db.UtcNow;
        DateTime Ago(int days) => now.AddDays(-days);
        var (b1, b2, b3) = (Ago(AgeBuckets[0].ToDays + 1), Ago(AgeBuckets[1].ToDays + 1), Ago(AgeBuckets[2].ToDays + 1));
        var rows = await db.ServiceRequests
            .Where(r => r.Status == ServiceRequestStatus.Pending || r.Status == ServiceRequestStatus.InProgress)
            .GroupBy(r => new { r.Type, Bucket = r.CreatedAt > b1 ? 0 : r.CreatedAt > b2 ? 1 : r.CreatedAt > b3 ? 2 : 3 })
            .Select(g => new { g.Key.Type, g.Key.Bucket, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => new ServiceRequestBucket(EnumText<ServiceRequestType>.ToText(r.Type), AgeBuckets[r.Bucket].Label, r.Count))
            .OrderBy(r => r.Type).ThenBy(r => Array.FindIndex(AgeBuckets, b => b.Label == r.Age)).ToList();
    }

    public async Task<IReadOnlyList<StatusCount>> ServiceRequestsByStatusAsync(CancellationToken ct = default) =>
        (await db.ServiceRequests.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
        .Select(g => new StatusCount(EnumText<ServiceRequestStatus>.ToText(g.Key), g.Count)).OrderBy(s => s.Status).ToList();

    /// <summary>Open and resolved counts for queries raised in the period, and the mean hours to resolve.</summary>
    public async Task<QueryStats> QueryStatsAsync(DateTime? from, DateTime? to, CancellationToken ct = default)
    {
        var queries = Period(db.ClientQueries, from, to);
        var counts = await queries.GroupBy(q => q.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(params ClientQueryStatus[] statuses) => counts.Where(c => statuses.Contains(c.Key)).Sum(c => c.Count);
        // Two timestamps per resolved query; SQLite cannot subtract times in SQL, so the mean is taken here.
        var spans = await queries.Where(q => q.ResolvedAt != null).Select(q => new { q.CreatedAt, q.ResolvedAt }).ToListAsync(ct);
        double? meanHours = spans.Count == 0 ? null : Math.Round(spans.Average(s => (s.ResolvedAt!.Value - s.CreatedAt).TotalHours), 1);
        return new QueryStats(Count(ClientQueryStatus.Open, ClientQueryStatus.InProgress),
            Count(ClientQueryStatus.Resolved, ClientQueryStatus.Closed), meanHours);
    }

    private static IQueryable<T> Period<T>(IQueryable<T> rows, DateTime? from, DateTime? to) where T : Entity
    {
        if (from is { } start) rows = rows.Where(r => r.CreatedAt >= start);
        if (to is { } end) rows = rows.Where(r => r.CreatedAt < end);
        return rows;
    }

    private async Task<Dictionary<long, string>> Names(IEnumerable<long> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Users.IgnoreQueryFilters().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }
}

public sealed record StatusCount(string Status, int Count);
public sealed record RmStatusCount(long RmId, string RmName, string Status, int Count);
public sealed record RmConversion(long RmId, string RmName, int Leads, int Converted, decimal Rate);
public sealed record ServiceRequestBucket(string Type, string Age, int Count);
public sealed record QueryStats(int Open, int Resolved, double? MeanHoursToResolve);

using System.Linq.Expressions;
using JlnbCrm.ClientQueries;
using JlnbCrm.Database;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Dashboard;

/// <summary>
/// Open work by SLA state (on time, due today, overdue), per assignee or per operations desk, over the rows the caller
/// may see (the query filters). The grouping key is one selector per kind of work; the counting is shared.
/// </summary>
public sealed class SlaReport(CrmDbContext db)
{
    public const string ServiceRequests = "Service requests", Queries = "Queries";
    private static readonly SlaState[] OpenStates = [SlaState.OnTime, SlaState.DueToday, SlaState.Overdue];

    public async Task<IReadOnlyList<SlaWorkload>> ByAssigneeAsync(CancellationToken ct = default)
    {
        var counts = await CountAsync(r => r.AssignedUserId, q => q.AssignedRmId, ct);
        var ids = counts.Where(c => c.Key != null).Select(c => c.Key!.Value).Distinct().ToList();
        var names = await db.Users.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return counts.GroupBy(c => (c.Work, Assignee: c.Key))
            .Select(g => new SlaWorkload(g.Key.Work, g.Key.Assignee, g.Key.Assignee is { } id ? names[id] : "Unassigned",
                Sum(g, SlaState.OnTime), Sum(g, SlaState.DueToday), Sum(g, SlaState.Overdue)))
            .OrderBy(w => w.Work).ThenByDescending(w => w.Overdue).ThenBy(w => w.AssigneeName).ToList();
    }

    /// <summary>Open service requests per operations desk (queries belong to RMs, not desks).</summary>
    public async Task<IReadOnlyList<SlaDeskWorkload>> ByDeskAsync(CancellationToken ct = default)
    {
        var counts = await CountAsync(r => r.DeskId, queryKey: null, ct);
        var ids = counts.Select(c => c.Key!.Value).Distinct().ToList();
        // A desk's name is not secret; the counts themselves come only from rows the caller may see.
        var names = await db.Teams.IgnoreQueryFilters().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return counts.GroupBy(c => c.Key!.Value)
            .Select(g => new SlaDeskWorkload(g.Key, names[g.Key], Sum(g, SlaState.OnTime), Sum(g, SlaState.DueToday), Sum(g, SlaState.Overdue)))
            .OrderByDescending(w => w.Overdue).ThenBy(w => w.DeskName).ToList();
    }

    /// <summary>Counts open work per key and state; a null selector leaves that kind of work out.</summary>
    private async Task<List<(string Work, long? Key, SlaState State, int Count)>> CountAsync(
        Expression<Func<ServiceRequest, long?>>? requestKey, Expression<Func<ClientQuery, long?>>? queryKey, CancellationToken ct)
    {
        var now = db.UtcNow;
        var counts = new List<(string Work, long? Key, SlaState State, int Count)>();
        foreach (var state in OpenStates)
        {
            if (requestKey != null)
                counts.AddRange((await db.ServiceRequests.InState(state, now, r => r.DueAt, r => r.ClosedAt)
                        .GroupBy(requestKey).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .Select(g => (ServiceRequests, g.Key, state, g.Count)));
            if (queryKey != null)
                counts.AddRange((await db.ClientQueries.InState(state, now, q => q.DueAt, q => q.ResolvedAt)
                        .GroupBy(queryKey).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .Select(g => (Queries, g.Key, state, g.Count)));
        }
        return counts;
    }

    private static int Sum(IEnumerable<(string, long?, SlaState State, int Count)> rows, SlaState state) =>
        rows.Where(r => r.State == state).Sum(r => r.Count);
}

/// <summary>One assignee's open work of one kind, by SLA state.</summary>
public sealed record SlaWorkload(string Work, long? AssigneeId, string AssigneeName, int OnTime, int DueToday, int Overdue);

/// <summary>One operations desk's open service requests, by SLA state.</summary>
public sealed record SlaDeskWorkload(long DeskId, string DeskName, int OnTime, int DueToday, int Overdue);

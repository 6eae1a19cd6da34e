using JlnbCrm.Database;
using JlnbCrm.ServiceLevels;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Dashboard;

/// <summary>
/// Open work by SLA state (on time, due today, overdue), per assignee, over the rows the caller may see. The grouping
/// key is one selector per kind of work, so another grouping (an operations desk) is one more pair of selectors.
/// </summary>
public sealed class SlaReport(CrmDbContext db)
{
    public const string ServiceRequests = "Service requests", Queries = "Queries";
    private static readonly SlaState[] OpenStates = [SlaState.OnTime, SlaState.DueToday, SlaState.Overdue];

    public async Task<IReadOnlyList<SlaWorkload>> ByAssigneeAsync(CancellationToken ct = default)
    {
        var now = db.UtcNow;
        var counts = new List<(string Work, long? Assignee, SlaState State, int Count)>();
        foreach (var state in OpenStates)
        {
            counts.AddRange((await db.ServiceRequests.InState(state, now, r => r.DueAt, r => r.ClosedAt)
                    .GroupBy(r => r.AssignedUserId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(g => (ServiceRequests, g.Key, state, g.Count)));
            counts.AddRange((await db.ClientQueries.InState(state, now, q => q.DueAt, q => q.ResolvedAt)
                    .GroupBy(q => (long?)q.AssignedRmId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(g => (Queries, g.Key, state, g.Count)));
        }
        var ids = counts.Where(c => c.Assignee != null).Select(c => c.Assignee!.Value).Distinct().ToList();
        var names = await db.Users.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        int Count(IEnumerable<(string, long?, SlaState State, int Count)> rows, SlaState state) =>
            rows.Where(r => r.State == state).Sum(r => r.Count);
        return counts.GroupBy(c => (c.Work, c.Assignee))
            .Select(g => new SlaWorkload(g.Key.Work, g.Key.Assignee, g.Key.Assignee is { } id ? names[id] : "Unassigned",
                Count(g, SlaState.OnTime), Count(g, SlaState.DueToday), Count(g, SlaState.Overdue)))
            .OrderBy(w => w.Work).ThenByDescending(w => w.Overdue).ThenBy(w => w.AssigneeName).ToList();
    }
}

/// <summary>One assignee's open work of one kind, by SLA state.</summary>
public sealed record SlaWorkload(string Work, long? AssigneeId, string AssigneeName, int OnTime, int DueToday, int Overdue);

using System.Linq.Expressions;
using JlnbCrm.ClientQueries;
using JlnbCrm.ServiceRequests;

namespace JlnbCrm.ServiceLevels;

/// <summary>Which columns a kind of work's SLA clock reads: when it is due, and when it stopped (closed).</summary>
public sealed record SlaClock<T>(Expression<Func<T, DateTime>> DueAt, Expression<Func<T, DateTime?>> StoppedAt)
{
    /// <summary>Rows in the asked state, or all rows when none is asked for.</summary>
    public IQueryable<T> Filter(IQueryable<T> rows, SlaState? state, DateTime utcNow) =>
        rows.InState(state, utcNow, DueAt, StoppedAt);

    /// <summary>Each row's state, translatable to SQL (the same tests as <see cref="Filter"/>).</summary>
    public Expression<Func<T, SlaState>> State(DateTime utcNow) => SlaRules.StateOf(utcNow, DueAt, StoppedAt);
}

/// <summary>The SLA clock of each kind of work, declared once for the lists' filter and the aggregates' grouping.</summary>
public static class SlaClocks
{
    public static readonly SlaClock<ServiceRequest> ServiceRequests = new(r => r.DueAt, r => r.ClosedAt);
    public static readonly SlaClock<ClientQuery> ClientQueries = new(q => q.DueAt, q => q.ResolvedAt);
}

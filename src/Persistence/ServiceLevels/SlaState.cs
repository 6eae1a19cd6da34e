using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;

namespace JlnbCrm.ServiceLevels;

/// <summary>Where a record stands against its due-at: three states while open, two once closed.</summary>
public enum SlaState
{
    [Display(Name = "On time")] OnTime,
    [Display(Name = "Due today")] DueToday,
    [Display(Name = "Overdue")] Overdue,
    [Display(Name = "Met")] Met,
    [Display(Name = "Breached")] Breached,
}

/// <summary>
/// The one definition of each SLA state, as expressions over (due at, stopped at, now, end of India's today):
/// compiled for a single record, translated to SQL for the queue filters, so the two cannot disagree.
/// "Stopped at" is when the record closed (a request completed or rejected, a query resolved); null while open.
/// </summary>
public static class SlaRules
{
    private static readonly Dictionary<SlaState, Expression<Func<DateTime, DateTime?, DateTime, DateTime, bool>>> Tests = new()
    {
        [SlaState.Overdue] = (due, stopped, now, endOfToday) => stopped == null && due < now,
        [SlaState.DueToday] = (due, stopped, now, endOfToday) => stopped == null && due >= now && due < endOfToday,
        [SlaState.OnTime] = (due, stopped, now, endOfToday) => stopped == null && due >= endOfToday,
        [SlaState.Met] = (due, stopped, now, endOfToday) => stopped != null && stopped <= due,
        [SlaState.Breached] = (due, stopped, now, endOfToday) => stopped != null && stopped > due,
    };

    private static readonly (SlaState State, Func<DateTime, DateTime?, DateTime, DateTime, bool> Test)[] Compiled =
        Tests.Select(t => (t.Key, t.Value.Compile())).ToArray();

    public static SlaState StateOf(DateTime dueAt, DateTime? stoppedAt, DateTime utcNow)
    {
        var endOfToday = WorkingCalendar.EndOfIndianDay(utcNow);
        return Compiled.First(c => c.Test(dueAt, stoppedAt, utcNow, endOfToday)).State;
    }

    /// <summary>Time until due (negative once overdue); null once the record is closed.</summary>
    public static TimeSpan? TimeLeft(DateTime dueAt, DateTime? stoppedAt, DateTime utcNow) =>
        stoppedAt is null ? dueAt - utcNow : null;

    /// <summary>Rows in the given state, or all rows when no state is asked for (a list's optional SLA filter).</summary>
    public static IQueryable<T> InState<T>(this IQueryable<T> rows, SlaState? state, DateTime utcNow,
        Expression<Func<T, DateTime>> dueAt, Expression<Func<T, DateTime?>> stoppedAt) =>
        state is { } asked ? rows.InState(asked, utcNow, dueAt, stoppedAt) : rows;

    /// <summary>Rows in the given state, as one SQL-translatable predicate over the entity's due and stop columns.</summary>
    public static IQueryable<T> InState<T>(this IQueryable<T> rows, SlaState state, DateTime utcNow,
        Expression<Func<T, DateTime>> dueAt, Expression<Func<T, DateTime?>> stoppedAt)
    {
        var row = dueAt.Parameters[0];
        var body = Test(state, row, utcNow, dueAt, stoppedAt);
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, row));
    }

    /// <summary>
    /// Each row's SLA state as one SQL-translatable CASE over the same tests, in the same order, as
    /// <see cref="InState{T}(IQueryable{T}, SlaState, DateTime, Expression{Func{T, DateTime}}, Expression{Func{T, DateTime?}})"/>,
    /// so grouping by the state agrees with filtering by it (aggregates group by this; lists filter with that).
    /// </summary>
    public static Expression<Func<T, SlaState>> StateOf<T>(DateTime utcNow, Expression<Func<T, DateTime>> dueAt,
        Expression<Func<T, DateTime?>> stoppedAt)
    {
        var row = dueAt.Parameters[0];
        var ordered = Tests.ToList();
        // The tests are exhaustive and exclusive, so the last state is what no earlier test matched.
        Expression body = Expression.Constant(ordered[^1].Key);
        foreach (var (state, _) in Enumerable.Reverse(ordered).Skip(1))
            body = Expression.Condition(Test(state, row, utcNow, dueAt, stoppedAt), Expression.Constant(state), body);
        return Expression.Lambda<Func<T, SlaState>>(body, row);
    }

    private static Expression Test<T>(SlaState state, ParameterExpression row, DateTime utcNow,
        Expression<Func<T, DateTime>> dueAt, Expression<Func<T, DateTime?>> stoppedAt)
    {
        var test = Tests[state];
        var values = new Moment(utcNow, WorkingCalendar.EndOfIndianDay(utcNow));
        // Captured as members of an object, so EF Core sends them as parameters rather than literals.
        var holder = Expression.Constant(values);
        return new Substitute(new Dictionary<ParameterExpression, Expression>
        {
            [test.Parameters[0]] = new Substitute(new() { [dueAt.Parameters[0]] = row }).Visit(dueAt.Body),
            [test.Parameters[1]] = new Substitute(new() { [stoppedAt.Parameters[0]] = row }).Visit(stoppedAt.Body),
            [test.Parameters[2]] = Expression.Property(holder, nameof(Moment.Now)),
            [test.Parameters[3]] = Expression.Property(holder, nameof(Moment.EndOfToday)),
        }).Visit(test.Body);
    }

    private sealed record Moment(DateTime Now, DateTime EndOfToday);

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            map.TryGetValue(node, out var replacement) ? replacement : node;
    }
}

using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using JlnbCrm.Aggregates;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Filtering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Aggregates;

/// <summary>
/// Declares <c>{list}Aggregate</c> beside a root list: the list's own <c>where</c> (the same filter builder) and
/// narrowing arguments (<c>sla</c>, <c>search</c>), then counts per <c>groupBy</c> key in one GROUP BY statement over
/// the rows the caller may list. Groups come sorted by their keys in the order asked (nulls last).
/// </summary>
public static class AggregateFields
{
    public const string InvalidPeriod = "INVALID_PERIOD", InvalidGroupBy = "INVALID_GROUP_BY";

    /// <summary>
    /// Cost: the statement reads every row the filter keeps, so the field itself weighs like a full page of a list,
    /// and each value selected under it may repeat once per group.
    /// </summary>
    public const double FieldCost = 100;

    public static void AggregateField<TEntity>(this ObjectGraphType root, string list, string description,
        Func<IResolveFieldContext, CrmDbContext, IQueryable<TEntity>, IQueryable<TEntity>>? narrow = null,
        Action<FieldType>? configure = null) where TEntity : class
    {
        var name = $"{list}Aggregate";
        var field = new FieldType
        {
            Name = name,
            Description = description,
            ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(
                new GraphQLTypeReference(AggregateGraphTypes.GroupName(typeof(TEntity)))))),
            Arguments = new QueryArguments(
                new QueryArgument(new GraphQLTypeReference(FilterInputTypes.FilterName(typeof(TEntity))))
                    { Name = "where", Description = $"The rows to count: the same filter as {list}." },
                new QueryArgument(new ListGraphType(new NonNullGraphType(
                    new GraphQLTypeReference(AggregateGraphTypes.FieldEnumName(typeof(TEntity))))))
                    { Name = "groupBy", Description = $"Up to {GroupedCounts.MaxKeys} fields; none: one group of every row." },
                new QueryArgument<AggregatePeriodType>
                    { Name = "period", Description = "Buckets every date field in groupBy by this period, in India time." }),
            Resolver = new FuncFieldResolver<object?>(async ctx => await GroupsAsync(ctx, name, narrow)),
        };
        field.WithComplexityImpact(FieldCost, GroupedCounts.MaxGroups);
        root.AddField(field);
        configure?.Invoke(field);
    }

    private static async Task<object?> GroupsAsync<TEntity>(IResolveFieldContext ctx, string name,
        Func<IResolveFieldContext, CrmDbContext, IQueryable<TEntity>, IQueryable<TEntity>>? narrow) where TEntity : class
    {
        var services = ctx.RequestServices!;
        var db = services.GetRequiredService<CrmDbContext>();
        var actor = services.GetRequiredService<ICurrentActor>();
        IQueryable<TEntity> rows = db.Set<TEntity>();
        if (narrow is not null) rows = narrow(ctx, db, rows);
        rows = services.GetRequiredService<FilterBuilder>().Apply(rows,
            ctx.GetArgument<Dictionary<string, object?>?>("where"), db, actor, $"{name}.where");
        var period = ctx.GetArgument<PeriodUnit?>("period");
        var fields = GroupBy<TEntity>(ctx, services.GetRequiredService<AggregateModel>(), name, period);
        var scope = new GroupScope(db, actor, period, $"{name}.groupBy");
        var counts = await GroupedCounts.CountAsync(rows.AsNoTracking(), fields.Select(f => f.Key(scope)).ToList(),
            ctx.CancellationToken);
        return counts.Select(c => new AggregateGroup(
                fields.Select((f, i) => (f.Name, Value: f.NeedsPeriod ? IndianPeriods.Parse((string?)c.Keys[i]) : c.Keys[i]))
                    .ToDictionary(k => k.Name, k => k.Value), c.Count))
            .OrderBy(g => g, new KeyOrder(fields.Select(f => f.Name).ToList()))
            .ToList();
    }

    /// <summary>The asked fields, checked: not repeated, few enough, and a period exactly when a date is among them.</summary>
    private static List<GroupField> GroupBy<TEntity>(IResolveFieldContext ctx, AggregateModel model, string name,
        PeriodUnit? period)
    {
        var known = model.FieldsOf(typeof(TEntity));
        var asked = ctx.GetArgument<List<string>?>("groupBy") ?? [];
        // The enum type already refused unknown names (validation), so every name is known here.
        var fields = asked.Select(f => known[f]).ToList();
        if (fields.Count > GroupedCounts.MaxKeys)
            throw new ExecutionError($"{name}.groupBy: at most {GroupedCounts.MaxKeys} fields.") { Code = InvalidGroupBy };
        if (fields.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new ExecutionError($"{name}.groupBy: {repeated.Key} is named twice.") { Code = InvalidGroupBy };
        var dates = fields.Where(f => f.NeedsPeriod).Select(f => f.Name).ToList();
        if (dates.Count > 0 && period is null)
            throw new ExecutionError($"{name}.period: grouping by {dates[0]} needs a period (DAY, WEEK or MONTH).")
                { Code = InvalidPeriod };
        if (dates.Count == 0 && period is not null)
            throw new ExecutionError($"{name}.period: a period buckets a date field, and groupBy has none.")
                { Code = InvalidPeriod };
        return fields;
    }

    /// <summary>Groups in key order, field by field as asked; a missing value sorts last.</summary>
    private sealed class KeyOrder(IReadOnlyList<string> fields) : IComparer<AggregateGroup>
    {
        public int Compare(AggregateGroup? x, AggregateGroup? y)
        {
            foreach (var field in fields)
            {
                var (a, b) = (x!.Key[field], y!.Key[field]);
                var order = (a, b) switch
                {
                    (null, null) => 0,
                    (null, _) => 1,
                    (_, null) => -1,
                    _ => a is string s ? string.CompareOrdinal(s, (string)b) : Comparer<object>.Default.Compare(a, b),
                };
                if (order != 0) return order;
            }
            return 0;
        }
    }
}

using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Paging;
using JlnbCrm.Paging;

namespace JlnbCrm.Graph.Batching;

/// <summary>
/// The to-many side of <see cref="ToOneJoins"/>: a page of parents whose rows select a nested connection with a
/// small page and nothing else (<c>interactions(first: 10)</c>, <c>products</c>; no cursor, <c>where</c> or
/// <c>order</c>) reads each parent's first N+1 children in its own statement, and hands each parent's page to the
/// nested connection's batch loader (<see cref="NestedFold"/>), so its resolver costs no statement. A connection that
/// is not folded (a cursor, a filter, a parent read another way) is read by that loader as before: one mechanism,
/// primed from the parents' statement when it could be.
/// </summary>
/// <remarks>
/// <para>Visibility is the loader's: the children are read from the same row-filtered set, inside the same statement
/// as the parents (EF Core applies every entity's query filter to the correlated read, PostgreSQL row security every
/// table of the statement), in the connection's natural order; the children's to-one relations are joined and primed
/// exactly as the loader joins them.</para>
/// <para>Several folded connections multiply each parent's rows in the result (holdings × interactions), as any
/// single-statement read of two lists does; <see cref="MaxRowsPerParent"/> keeps that product small, and a fold beyond
/// it stays with its loader.</para>
/// </remarks>
public static class NestedFolds
{
    /// <summary>The product of the folded pages' sizes (+1 each) one parent may bring; beyond it, the loaders read.</summary>
    private const int MaxRowsPerParent = 2_000;

    /// <summary>The nested connections a connection's rows select that their statement can read.</summary>
    public static IReadOnlyList<NestedFold.Plan> OfConnection<TEntity>(IResolveFieldContext ctx) where TEntity : class
    {
        if (!typeof(Entity).IsAssignableFrom(typeof(TEntity)) || NodeType(ctx.FieldDefinition) is not { } node) return [];
        var top = ctx.FieldAst.SelectionSet;
        var rows = ToOneJoins.Fields(ctx, top, "items")
            .Concat(ToOneJoins.Fields(ctx, top, "edges").SelectMany(e => ToOneJoins.Fields(ctx, e.SelectionSet, "node")));
        var plans = new List<NestedFold.Plan>();
        var product = 1L;
        foreach (var field in rows.SelectMany(r => ToOneJoins.Fields(ctx, r.SelectionSet, name: null)))
        {
            if (node.GetField(field.Name.StringValue)?.GetMetadata<NestedFold>(NestedFold.Key) is not { } fold) continue;
            if (fold.PlanFor(ctx, field) is not { } plan || plans.Any(p => p.Batch == plan.Batch)) continue;
            if (product * (plan.Size + 1) > MaxRowsPerParent) continue;
            product *= plan.Size + 1;
            plans.Add(plan);
        }
        return plans;
    }

    /// <summary>The object type of a connection field's rows (its <c>items</c>).</summary>
    private static IObjectGraphType? NodeType(FieldType connection) =>
        Unwrap(connection.ResolvedType) is IObjectGraphType type && type.GetField("items") is { } items
            ? Unwrap(items.ResolvedType) as IObjectGraphType
            : null;

    private static IGraphType? Unwrap(IGraphType? type) => type switch
    {
        NonNullGraphType nonNull => Unwrap(nonNull.ResolvedType),
        ListGraphType list => Unwrap(list.ResolvedType),
        _ => type,
    };

    /// <summary>
    /// The page of parents and their folded children, read by one statement; the children's pages primed into their
    /// loaders. A fold the provider cannot translate (SQLite has no APPLY/LATERAL for a top-N read whose rows join
    /// another table) is retried without the children's joins, then without folds: EF Core refuses while compiling,
    /// before any SQL is sent, and the shape is remembered.
    /// </summary>
    public static async Task<KeysetPage<T>> PageAsync<T>(IResolveFieldContext ctx, IQueryable<T> rows,
        IReadOnlyList<SortKey> order, PageRequest request, IReadOnlyList<NestedFold.Plan> plans) where T : class
    {
        var provider = ctx.Loaders().Db.Database.ProviderName;
        foreach (var joined in new[] { true, false })
        {
            if (joined && plans.All(p => p.Joined is null)) continue;
            var shape = $"{provider}:{ctx.ParentType.Name}.{ctx.FieldDefinition.Name}:{joined}:"
                + string.Join(';', plans.Select(p => p.Shape));
            if (Untranslatable.ContainsKey(shape)) continue;
            var folds = plans.Select(p => joined ? p.Joined ?? p.Plain : p.Plain).ToList();
            try
            {
                var (page, children) = await Keyset.PageAsync(rows, order, request, folds, ctx.CancellationToken);
                foreach (var (row, _) in page.Rows)
                    for (var i = 0; i < plans.Count; i++)
                        plans[i].Prime(ctx.Loaders(), ((Entity)(object)row).Id, children[row][i], joined);
                return page;
            }
            catch (InvalidOperationException refused) when (refused.Message.Contains("APPLY", StringComparison.Ordinal)
                || refused.Message.Contains("could not be translated", StringComparison.Ordinal))
            {
                Untranslatable.TryAdd(shape, true);
            }
        }
        return await Keyset.PageAsync(rows, order, request, ctx.CancellationToken);
    }

    /// <summary>Folded reads (provider, field, folds) the provider cannot translate.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Untranslatable = new();
}

/// <summary>
/// What a nested connection field tells a parent page about itself (kept in the field's metadata): how to read its
/// page of every parent with the parents, and the batch loader that page belongs to.
/// </summary>
public abstract class NestedFold
{
    internal const string Key = "crm.nestedFold";

    /// <summary>A fold planned for one selection of the field: its reads, and how to prime its loader.</summary>
    public sealed record Plan(string Batch, string Shape, int Size, Keyset.Folded Plain, Keyset.Folded? Joined,
        Action<RequestLoaders, long, object, bool> Prime);

    /// <summary>The fold of this selection of the field, or null when its arguments ask for more than a plain page.</summary>
    internal abstract Plan? PlanFor(IResolveFieldContext parent, GraphQLField field);

    /// <summary>
    /// The field's arguments as the batch key writes them (<see cref="Schema.NestedConnections.Arguments"/>) when only
    /// <c>first</c> is given (a literal or a variable), else null.
    /// </summary>
    protected static (int? First, string Arguments)? FirstOnly(IResolveFieldContext ctx, GraphQLField field)
    {
        int? first = null;
        foreach (var argument in field.Arguments?.Items ?? [])
        {
            var value = argument.Value switch
            {
                GraphQLNullValue => null,
                GraphQLIntValue literal => int.TryParse(literal.Value.Span, out var n) ? n : (object?)"invalid",
                GraphQLVariable variable => ctx.Variables.ValueFor(variable.Name.StringValue, out var bound) ? bound.Value : null,
                _ => "unsupported",
            };
            if (value is null) continue;
            if (argument.Name.StringValue != "first" || value is not int size) return null;
            first = size;
        }
        var arguments = first is { } given ? new SortedDictionary<string, object?> { ["first"] = given } : [];
        return (first, System.Text.Json.JsonSerializer.Serialize(arguments));
    }
}

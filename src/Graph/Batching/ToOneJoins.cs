using GraphQL;
using GraphQLParser.AST;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace JlnbCrm.Graph.Batching;

/// <summary>
/// The to-one relations a selection asks for (<c>assignedRm { name team { name } }</c>, <c>product { name }</c>,
/// <c>user { name }</c>), read as joins of the statement that reads the rows instead of one batch statement per
/// relation and level. A GraphQL field joins when its name is a reference navigation of the row's EF entity (the
/// schema names relations as the model does); everything else stays with the batch loaders.
/// </summary>
/// <remarks>
/// <para>The fields keep their resolvers (<see cref="RequestLoaders.ById{T}(long)"/>): the rows read with the joins
/// fill the loaders' caches (<see cref="Prime"/>), so a joined relation costs no statement and a relation that was not
/// joined (a fragment on another type, a field whose batch another alias started) is loaded as before. One mechanism
/// for every to-one relation, and the masks (<c>Client.pan</c> asks the RM's team through the same loader) see the
/// same rows whichever way they came.</para>
/// <para>Visibility is exactly the loaders': EF Core joins the related entity through its query filter (and PostgreSQL
/// applies row security to every table of the statement), and an optional relation is a LEFT JOIN, so a related row
/// the caller may not see comes back null, as <c>ById</c> returns it. A required relation becomes an INNER JOIN, which
/// would drop the row itself if the related row were hidden, so it joins only when its entity has no row filter (staff,
/// teams, products: readable by everyone signed in) or when the visibility rules show the related row to everyone who
/// sees the row (<see cref="Access.SeenWithRow"/>: a service request's client); any other required relation to a
/// filtered entity (an interaction's client) stays with its loader.</para>
/// <para>Whole related rows are read, not only the selected columns: they fill the same cache as <c>ById</c> and
/// every field resolver reads its entity, so a narrower projection would need a second shape of every graph type.
/// The rows are narrow (names, ids, a few dates); the statement count is what costs under row security.</para>
/// </remarks>
public sealed class ToOneJoins
{
    /// <summary>A relation to join, and the relations to join beyond it (<c>assignedRm { team }</c>).</summary>
    private sealed record Join(INavigation Navigation, IReadOnlyList<Join> Next);

    private readonly IReadOnlyList<Join> _joins;

    private ToOneJoins(IReadOnlyList<Join> joins) => _joins = joins;

    public static readonly ToOneJoins None = new([]);

    /// <summary>Include paths, as EF Core's string <c>Include</c> takes them (<c>AssignedRm.Team</c>).</summary>
    public IReadOnlyList<string> Paths => [.. Flatten(_joins, prefix: null)];

    /// <summary>The joins of a connection's rows: what its <c>edges { node }</c> and <c>items</c> select.</summary>
    public static ToOneJoins OfConnection<TEntity>(IResolveFieldContext ctx) where TEntity : class =>
        OfConnection<TEntity>(ctx, ctx.FieldAst);

    /// <summary>The same for a connection <paramref name="field"/> the context's field selects (a folded one).</summary>
    public static ToOneJoins OfConnection<TEntity>(IResolveFieldContext ctx, GraphQLField field) where TEntity : class
    {
        var top = field.SelectionSet;
        var rows = Fields(ctx, top, "items")
            .Concat(Fields(ctx, top, "edges").SelectMany(e => Fields(ctx, e.SelectionSet, "node")));
        return Of<TEntity>(ctx, rows.Select(f => f.SelectionSet));
    }

    /// <summary>The joins of one object field's row (<c>node(id:)</c>, <c>me</c>): what the field selects.</summary>
    public static ToOneJoins OfObject<TEntity>(IResolveFieldContext ctx) where TEntity : class =>
        Of<TEntity>(ctx, [ctx.FieldAst.SelectionSet]);

    private static ToOneJoins Of<TEntity>(IResolveFieldContext ctx, IEnumerable<GraphQLSelectionSet?> selections)
    {
        var model = ctx.RequestServices!.GetRequiredService<Database.CrmDbContext>().Model;
        return model.FindEntityType(typeof(TEntity)) is { } entity
            ? new(Plan(ctx, entity, [.. selections], depth: 0))
            : None;
    }

    /// <summary>Keeps a join chain short: depth 12 is the operation limit, and each join widens the statement.</summary>
    private const int MaxDepth = 3;

    private static List<Join> Plan(IResolveFieldContext ctx, IEntityType entity,
        IReadOnlyList<GraphQLSelectionSet?> selections, int depth)
    {
        if (depth >= MaxDepth) return [];
        return [.. selections.SelectMany(s => Fields(ctx, s, name: null))
            .GroupBy(f => f.Name.StringValue, StringComparer.Ordinal)
            .Select(g => (Navigation: entity.FindNavigation(Pascal(g.Key)), Fields: g.ToList()))
            .Where(n => n.Navigation is { } navigation && Joins(navigation))
            .Select(n => new Join(n.Navigation!,
                Plan(ctx, n.Navigation!.TargetEntityType, [.. n.Fields.Select(f => f.SelectionSet)], depth + 1)))];
    }

    /// <summary>A relation is joined when the join returns exactly what its loader would (see the remarks).</summary>
    private static bool Joins(INavigation navigation) =>
        !navigation.IsCollection && navigation.IsOnDependent
        && navigation.ForeignKey.Properties.Count == 1 && navigation.ForeignKey.PrincipalKey.IsPrimaryKey()
        && navigation.PropertyInfo is not null && navigation.ForeignKey.Properties[0].PropertyInfo is not null
        && typeof(Entity).IsAssignableFrom(navigation.TargetEntityType.ClrType)
        && (!navigation.ForeignKey.IsRequired || navigation.TargetEntityType.GetDeclaredQueryFilters().Count == 0
            || Access.SeenWithRow.Holds(navigation.DeclaringEntityType.ClrType, navigation.Name));

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>
    /// The fields of a selection set, through inline fragments and fragment spreads, optionally only those named
    /// <paramref name="name"/>. <c>@skip</c>/<c>@include</c> are not evaluated: a join too many costs a wider row,
    /// never a wrong answer.
    /// </summary>
    internal static IEnumerable<GraphQLField> Fields(IResolveFieldContext ctx, GraphQLSelectionSet? set, string? name)
    {
        if (set is null) yield break;
        foreach (var selection in set.Selections)
        {
            var nested = selection switch
            {
                GraphQLInlineFragment inline => inline.SelectionSet,
                GraphQLFragmentSpread spread => ctx.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                    .FirstOrDefault(d => d.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue)
                    ?.SelectionSet,
                _ => null,
            };
            if (nested is not null)
                foreach (var field in Fields(ctx, nested, name)) yield return field;
            else if (selection is GraphQLField field && (name is null || field.Name.StringValue == name))
                yield return field;
        }
    }

    private static IEnumerable<string> Flatten(IReadOnlyList<Join> joins, string? prefix)
    {
        foreach (var join in joins)
        {
            var path = prefix is null ? join.Navigation.Name : $"{prefix}.{join.Navigation.Name}";
            yield return path;
            foreach (var deeper in Flatten(join.Next, path)) yield return deeper;
        }
    }

    /// <summary>The rows with these relations read in the same statement.</summary>
    public IQueryable<T> Apply<T>(IQueryable<T> rows) where T : class =>
        Paths.Aggregate(rows, (query, path) => query.Include(path));

    /// <summary>
    /// Hands the related rows read with <paramref name="rows"/> to the request's loaders, a hidden one as null, so the
    /// relations' resolvers find them without a statement.
    /// </summary>
    public void Prime(RequestLoaders loaders, IEnumerable<object?> rows)
    {
        if (_joins.Count == 0) return;
        foreach (var row in rows) Prime(loaders, _joins, row);
    }

    private static void Prime(RequestLoaders loaders, IReadOnlyList<Join> joins, object? row)
    {
        if (row is null) return;
        foreach (var join in joins)
        {
            if (join.Navigation.ForeignKey.Properties[0].PropertyInfo!.GetValue(row) is not long key) continue;
            var related = join.Navigation.PropertyInfo!.GetValue(row);
            loaders.Prime(join.Navigation.TargetEntityType.ClrType, key, related);
            Prime(loaders, join.Next, related);
        }
    }
}

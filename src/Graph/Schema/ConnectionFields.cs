using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Types.Relay;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Filtering;
using JlnbCrm.Graph.Paging;
using JlnbCrm.Paging;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Schema;

/// <summary>Declares a root list as a Relay connection with where/order arguments and keyset paging.</summary>
public static class ConnectionFields
{
    public static void ListConnection<TNodeGraph, TEntity>(this ObjectGraphType root, string name, string description,
        Func<IResolveFieldContext, CrmDbContext, IQueryable<TEntity>, IQueryable<TEntity>>? narrow = null,
        Action<FieldType>? configure = null)
        where TNodeGraph : IGraphType where TEntity : class
    {
        var field = root.Field<NonNullGraphType<ConnectionType<TNodeGraph>>>(name).Description(description)
            .PagingArguments(KeysetPager.DefaultPageSize)
            .ResolveAsync(async ctx =>
            {
                var (rows, order) = Rows<TEntity>(ctx, name, narrow);
                // The page's to-one relations come with its rows (one statement), not one loader statement each,
                // and so do the small pages of its nested connections (each row's first interactions, holdings…).
                var joins = ToOneJoins.OfConnection<TEntity>(ctx);
                var page = await KeysetPager.PageAsync(joins.Apply(rows.AsNoTracking()), order, ctx,
                    NestedFolds.OfConnection<TEntity>(ctx));
                joins.Prime(ctx.Loaders(), page.Edges!.Select(e => e.Node));
                return page;
            }).FieldType;
        field.AddWhereAndOrder<TEntity>();
        configure?.Invoke(field);
    }

    /// <summary>Where a connection keeps its default page size, for the cost model (<c>Hosting.OperationCost</c>).</summary>
    internal const string DefaultPageSizeKey = "crm.defaultPageSize";

    /// <summary>
    /// <c>first/after/last/before</c>, as every connection (root or nested) declares them. The default size is metadata,
    /// not a GraphQL default of <c>first</c>, which would clash with a caller's <c>last</c>.
    /// </summary>
    internal static FieldBuilder<TSource, TReturn> PagingArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field,
        int defaultSize) =>
        field.WithMetadata(DefaultPageSizeKey, defaultSize)
            .Argument<IntGraphType>("first", $"Page size going forward, at most {KeysetPager.MaxPageSize} (default {defaultSize}).")
            .Argument<StringGraphType>("after", "Rows after this cursor.")
            .Argument<IntGraphType>("last", $"Page size going backward, at most {KeysetPager.MaxPageSize}.")
            .Argument<StringGraphType>("before", "Rows before this cursor.");

    internal static void AddWhereAndOrder<TEntity>(this FieldType field)
    {
        field.Arguments!.Add(new QueryArgument(new GraphQLTypeReference(FilterInputTypes.FilterName(typeof(TEntity)))) { Name = "where" });
        field.Arguments.Add(new QueryArgument(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(FilterInputTypes.SortName(typeof(TEntity))))))
            { Name = "order", Description = "Sort terms in priority order; ties are always broken by id." });
    }

    /// <summary>
    /// The rows the caller may see (the context's row filters), narrowed by <paramref name="narrow"/> and the
    /// <c>where</c> argument, and the <c>order</c> argument's sort keys; <paramref name="name"/> names the argument paths in errors.
    /// </summary>
    internal static (IQueryable<TEntity> Rows, IReadOnlyList<SortKey> Order) Rows<TEntity>(IResolveFieldContext ctx, string name,
        Func<IResolveFieldContext, CrmDbContext, IQueryable<TEntity>, IQueryable<TEntity>>? narrow = null) where TEntity : class
    {
        var services = ctx.RequestServices!;
        var db = services.GetRequiredService<CrmDbContext>();
        var filters = services.GetRequiredService<FilterBuilder>();
        var model = services.GetRequiredService<FilterModel>();
        IQueryable<TEntity> rows = db.Set<TEntity>();
        if (narrow is not null) rows = narrow(ctx, db, rows);
        var actor = services.GetRequiredService<ICurrentActor>();
        rows = filters.Apply(rows, ctx.GetArgument<Dictionary<string, object?>?>("where"), db, actor, $"{name}.where");
        var order = SortArgument.Parse(ctx.GetArgument<object?>("order"), model.FieldsOf(typeof(TEntity)), actor, $"{name}.order");
        return (rows.AsNoTracking(), order);
    }
}

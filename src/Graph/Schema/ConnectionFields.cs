using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using JlnbCrm.Database;
using JlnbCrm.Domain;
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
            .Argument<IntGraphType>("first", $"Page size going forward, at most {KeysetPager.MaxPageSize} (default {KeysetPager.DefaultPageSize}).")
            .Argument<StringGraphType>("after", "Rows after this cursor.")
            .Argument<IntGraphType>("last", $"Page size going backward, at most {KeysetPager.MaxPageSize}.")
            .Argument<StringGraphType>("before", "Rows before this cursor.")
            .ResolveAsync(async ctx =>
            {
                var services = ctx.RequestServices!;
                var db = services.GetRequiredService<CrmDbContext>();
                var filters = services.GetRequiredService<FilterBuilder>();
                var model = services.GetRequiredService<FilterModel>();
                IQueryable<TEntity> rows = db.Set<TEntity>();
                if (narrow is not null) rows = narrow(ctx, db, rows);
                var actor = services.GetRequiredService<ICurrentActor>();
                rows = filters.Apply(rows, ctx.GetArgument<Dictionary<string, object?>?>("where"), db, actor, $"{name}.where");
                var order = SortArgument.Parse(ctx.GetArgument<object?>("order"), model.FieldsOf(typeof(TEntity)),
                    actor, $"{name}.order");
                return await KeysetPager.PageAsync(rows.AsNoTracking(), order, ctx);
            }).FieldType;
        field.Arguments!.Add(new QueryArgument(new GraphQLTypeReference(FilterInputTypes.FilterName(typeof(TEntity)))) { Name = "where" });
        field.Arguments.Add(new QueryArgument(new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(FilterInputTypes.SortName(typeof(TEntity))))))
            { Name = "order", Description = "Sort terms in priority order; ties are always broken by id." });
        configure?.Invoke(field);
    }
}

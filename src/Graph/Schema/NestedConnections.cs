using System.Linq.Expressions;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Paging;
using JlnbCrm.Paging;

namespace JlnbCrm.Graph.Schema;

/// <summary>
/// Declares a to-many field of an object (a client's interactions, a team's members…) as a Relay connection with the
/// root lists' arguments and rules: <c>first/after/last/before</c> under <see cref="PageSize"/>, <c>where</c>,
/// <c>order</c> (ties by id, defaulting to the field's natural order), <c>totalCount</c>, the same row filters and
/// field rules. Every parent at one level that asks with the same arguments shares one statement for the pages
/// (top N per parent) and, when <c>totalCount</c> is selected, one grouped count: the cost does not grow with the page
/// of parents.
/// </summary>
public static class NestedConnections
{
    public static void NestedConnection<TParent, TNodeGraph, TEntity>(this ObjectGraphType<TParent> type, string name,
        string description, Expression<Func<TEntity, long?>> parentOf, IReadOnlyList<SortKey> naturalOrder,
        int defaultSize = PageSize.Default)
        where TParent : Entity where TNodeGraph : IGraphType where TEntity : class
    {
        var field = type.Field<NonNullGraphType<ConnectionType<TNodeGraph>>>(name).Description(description)
            .PagingArguments(defaultSize)
            .Resolve(ctx =>
            {
                // Everything that can refuse the request (page size, where, order, cursors) is checked here, on this field.
                var (rows, order) = ConnectionFields.Rows<TEntity>(ctx, name);
                // The children's to-one relations (an interaction's user, a holding's product) are joined into the
                // children's statement. The parents of one batch share the first caller's joins; a relation another
                // alias selects and this one does not falls back to its loader.
                var joins = ToOneJoins.OfConnection<TEntity>(ctx);
                var request = KeysetPager.Request(ctx, defaultSize);
                var keys = order.Count > 0 ? order : naturalOrder;
                var pages = Keyset.ByParent(rows, parentOf, keys, request);
                var joined = joins.Paths.Count > 0 ? Keyset.ByParent(joins.Apply(rows), parentOf, keys, request) : null;
                var batch = $"{type.Name}.{name}({Arguments(ctx)})";
                var loaders = ctx.Loaders();
                var page = loaders.Get<long, KeysetPage<TEntity>>(batch, async (db, ids, ct) =>
                {
                    var shape = $"{db.Database.ProviderName}:{type.Name}.{name}:{string.Join(',', joins.Paths)}";
                    if (joined is not null && !Untranslatable.ContainsKey(shape))
                    {
                        try
                        {
                            var read = await joined.ReadAsync(db.Set<TParent>(), ids, ct);
                            joins.Prime(loaders, read.Values.SelectMany(p => p.Rows.Select(r => (object?)r.Row)));
                            return read;
                        }
                        catch (InvalidOperationException refused)
                            when (refused.Message.Contains("APPLY", StringComparison.Ordinal))
                        {
                            // SQLite cannot run a top-N-per-parent read whose rows join another table (it has no
                            // APPLY/LATERAL). EF Core refuses while compiling, before any SQL is sent: this shape is
                            // read without joins from now on, and the loaders fetch its relations.
                            Untranslatable.TryAdd(shape, true);
                        }
                    }
                    return await pages.ReadAsync(db.Set<TParent>(), ids, ct);
                }).Load(ctx.Source!.Id);
                if (!KeysetPager.WantsTotalCount(ctx)) return page.Then(p => KeysetPager.ToConnection(p!, null));
                var count = loaders.Get<long, int>($"{batch}.totalCount", (_, ids, ct) => pages.CountAsync(ids, ct))
                    .Load(ctx.Source.Id);
                return page.With(count, (p, total) => KeysetPager.ToConnection(p!, total));
            }).FieldType;
        field.AddWhereAndOrder<TEntity>();
    }

    /// <summary>Nested reads (provider, field, joins) the provider cannot translate with their joins.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Untranslatable = new();

    /// <summary>The field's arguments as text: parents asking with equal arguments share a batch, others get their own.</summary>
    internal static string Arguments(IResolveFieldContext ctx) =>
        JsonSerializer.Serialize(ctx.Arguments?.OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => a.Value.Value) ?? []);
}

/// <summary>The order a nested connection lists in when no <c>order</c> is given.</summary>
public static class NaturalOrder
{
    public static readonly IReadOnlyList<SortKey> ById = [];
    public static readonly IReadOnlyList<SortKey> ByName = [SortKey.Ascending<string>(nameof(JlnbCrm.Users.User.Name))];
    public static readonly IReadOnlyList<SortKey> Newest =
        [SortKey.Descend<DateTime>(nameof(Entity.CreatedAt)), SortKey.Descend<long>(nameof(Entity.Id))];
    public static readonly IReadOnlyList<SortKey> LatestOccurred =
        [SortKey.Descend<DateTime>(nameof(JlnbCrm.Interactions.Interaction.OccurredAt)), SortKey.Descend<long>(nameof(Entity.Id))];
    public static readonly IReadOnlyList<SortKey> OldestHolding =
        [SortKey.Ascending<DateOnly>(nameof(JlnbCrm.Clients.ClientProduct.SubscribedOn))];
}

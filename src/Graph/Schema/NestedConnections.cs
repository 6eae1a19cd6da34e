using System.Linq.Expressions;
using System.Text.Json;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
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
        var pages = new NestedPages<TParent, TEntity>(type, name, parentOf, naturalOrder, defaultSize);
        var field = type.Field<NonNullGraphType<ConnectionType<TNodeGraph>>>(name).Description(description)
            .PagingArguments(defaultSize)
            .WithMetadata(NestedFold.Key, pages)
            .Resolve(ctx =>
            {
                // Everything that can refuse the request (page size, where, order, cursors) is checked here, on this field.
                var (rows, order) = ConnectionFields.Rows<TEntity>(ctx, name);
                // The children's to-one relations (an interaction's user, a holding's product) are joined into the
                // children's statement. The parents of one batch share the first caller's joins; a relation another
                // alias selects and this one does not falls back to its loader.
                var read = pages.Read(rows, order.Count > 0 ? order : naturalOrder, KeysetPager.Request(ctx, defaultSize),
                    ToOneJoins.OfConnection<TEntity>(ctx));
                var batch = pages.Batch(Arguments(ctx));
                var loaders = ctx.Loaders();
                // A page of parents that read this connection with its rows (NestedFolds) primed this loader already.
                var page = pages.Loader(loaders, batch, read).Load(ctx.Source!.Id);
                if (!KeysetPager.WantsTotalCount(ctx)) return page.Then(p => KeysetPager.ToConnection(p!, null));
                var count = loaders.Get<long, int>($"{batch}.totalCount", (_, ids, ct) => read.Pages.CountAsync(ids, ct))
                    .Load(ctx.Source.Id);
                return page.With(count, (p, total) => KeysetPager.ToConnection(p!, total));
            }).FieldType;
        field.AddWhereAndOrder<TEntity>();
    }

    /// <summary>
    /// One nested connection's reads and batch loader, shared by its resolver and by a page of parents that reads it
    /// with its rows (<see cref="NestedFold"/>), so both fill and find the same loader.
    /// </summary>
    private sealed class NestedPages<TParent, TEntity>(ObjectGraphType<TParent> type, string name,
        Expression<Func<TEntity, long?>> parentOf, IReadOnlyList<SortKey> naturalOrder, int defaultSize) : NestedFold
        where TParent : Entity where TEntity : class
    {
        /// <summary>A page of every parent, without and with the children's to-one joins.</summary>
        public sealed record Reads(Keyset.PerParent<TEntity> Pages, Keyset.PerParent<TEntity>? Joined, ToOneJoins Joins);

        public Reads Read(IQueryable<TEntity> rows, IReadOnlyList<SortKey> order, PageRequest request, ToOneJoins joins) =>
            new(Keyset.ByParent(rows, parentOf, order, request),
                joins.Paths.Count > 0 ? Keyset.ByParent(joins.Apply(rows), parentOf, order, request) : null, joins);

        public string Batch(string arguments) => $"{type.Name}.{name}({arguments})";

        public BatchLoader<long, KeysetPage<TEntity>> Loader(RequestLoaders loaders, string batch, Reads read) =>
            loaders.Get<long, KeysetPage<TEntity>>(batch, async (db, ids, ct) =>
            {
                var shape = $"{db.Database.ProviderName}:{type.Name}.{name}:{string.Join(',', read.Joins.Paths)}";
                if (read.Joined is not null && !Untranslatable.ContainsKey(shape))
                {
                    try
                    {
                        var pages = await read.Joined.ReadAsync(db.Set<TParent>(), ids, ct);
                        read.Joins.Prime(loaders, pages.Values.SelectMany(p => p.Rows.Select(r => (object?)r.Row)));
                        return pages;
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
                return await read.Pages.ReadAsync(db.Set<TParent>(), ids, ct);
            });

        /// <summary>
        /// The fold of a selection with only <c>first</c> (or nothing): the rows the resolver would read with no
        /// <c>where</c> (the row-filtered set, as <see cref="ConnectionFields.Rows{TEntity}"/> gives it), in the natural
        /// order, from the start.
        /// </summary>
        internal override Plan? PlanFor(IResolveFieldContext parent, GraphQLField field)
        {
            if (FirstOnly(parent, field) is not var (first, arguments)) return null;
            if (first is < 0 or > PageSize.Max) return null; // refused by the field itself, on its own path
            var request = new PageRequest(PageSize.Of(first, null, defaultSize));
            var rows = parent.Loaders().Db.Set<TEntity>().AsNoTracking();
            var joins = ToOneJoins.OfConnection<TEntity>(parent, field);
            var read = Read(rows, naturalOrder, request, joins);
            var batch = Batch(arguments);
            return new Plan(batch, $"{name}({request.Size}):{string.Join(',', joins.Paths)}", request.Size,
                read.Pages.Fold(), read.Joined?.Fold(), (loaders, parentId, page, joined) =>
                {
                    var children = (KeysetPage<TEntity>)page;
                    Loader(loaders, batch, read).Prime(parentId, children);
                    if (joined) joins.Prime(loaders, children.Rows.Select(r => (object?)r.Row));
                });
        }
    }

    /// <summary>Nested reads (provider, field, joins) the provider cannot translate with their joins.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Untranslatable = new();

    /// <summary>
    /// The field's arguments as text: parents asking with equal arguments share a batch, others get their own. An
    /// argument given as null is left out, as if absent: the same page either way, and the key a folded read of the
    /// field primes (<see cref="NestedFold"/>).
    /// </summary>
    internal static string Arguments(IResolveFieldContext ctx) =>
        JsonSerializer.Serialize(ctx.Arguments?.Where(a => a.Value.Value is not null).OrderBy(a => a.Key, StringComparer.Ordinal)
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

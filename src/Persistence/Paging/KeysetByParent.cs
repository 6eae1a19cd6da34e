using System.Linq.Expressions;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Paging;

public static partial class Keyset
{
    /// <summary>
    /// The same page of every parent's children (each client's interactions, each team's members…), read for many
    /// parents with one statement. The cursors are checked here, when the page is asked for, so a bad one is refused
    /// on the field that sent it; <see cref="PerParent{T}.ReadAsync"/> and <see cref="PerParent{T}.CountAsync"/> then
    /// run once per batch of parents. A cursor holds sort values only, so it pages within whichever parent it is
    /// given with: each parent's rows are ordered, sought and cut on their own.
    /// </summary>
    public static PerParent<T> ByParent<T>(IQueryable<T> source, Expression<Func<T, long?>> parentOf,
        IReadOnlyList<SortKey> order, PageRequest page) where T : class
    {
        var (keys, sought) = Seek(source, order, page);
        return new PerParent<T>(source, sought, parentOf, keys, page);
    }

    public sealed partial class PerParent<T> where T : class
    {
        private readonly IQueryable<T> _source;
        private readonly IQueryable<T> _sought;
        private readonly Expression<Func<T, long?>> _parentOf;
        private readonly IReadOnlyList<SortTerm> _keys;
        private readonly PageRequest _page;

        internal PerParent(IQueryable<T> source, IQueryable<T> sought, Expression<Func<T, long?>> parentOf,
            IReadOnlyList<SortTerm> keys, PageRequest page) =>
            (_source, _sought, _parentOf, _keys, _page) = (source, sought, parentOf, keys, page);

        /// <summary>
        /// Each parent's page, from one statement: the parents' rows select their children as a correlated, ordered and
        /// limited collection, which EF Core turns into ROW_NUMBER() OVER (PARTITION BY parent ORDER BY …) on both
        /// providers. The parent-ids filter is repeated inside the numbered subquery so that only these parents'
        /// children are numbered, not every row the caller may see.
        /// </summary>
        public async Task<IReadOnlyDictionary<long, KeysetPage<T>>> ReadAsync<TParent>(IQueryable<TParent> parents,
            IReadOnlyCollection<long> parentIds, CancellationToken ct) where TParent : Entity
        {
            var ids = parentIds.ToArray();
            var parent = Expression.Parameter(typeof(TParent), "parent");
            var parentId = Expression.Property(parent, nameof(Entity.Id));
            var ofThisParent = Expression.Lambda<Func<T, bool>>(
                Expression.Equal(_parentOf.Body, Expression.Convert(parentId, typeof(long?))), _parentOf.Parameters[0]);
            var children = Ordered(_sought.Where(OfParents(ids)).Where(ofThisParent), _keys, _page.Backward).Take(_page.Size + 1);
            var rows = Expression.Call(typeof(Enumerable), nameof(Enumerable.ToList), [typeof(Keyed<T>)],
                WithKeys(children, _keys).Expression);
            var select = Expression.Lambda<Func<TParent, Children>>(Expression.MemberInit(Expression.New(typeof(Children)),
                Expression.Bind(typeof(Children).GetProperty(nameof(Children.ParentId))!, parentId),
                Expression.Bind(typeof(Children).GetProperty(nameof(Children.Rows))!, rows)), parent);

            var read = await parents.Where(p => ids.Contains(p.Id)).Select(select).ToListAsync(ct);
            var pages = read.ToDictionary(r => r.ParentId, r => Assemble(r.Rows, _keys, _page));
            foreach (var id in ids) pages.TryAdd(id, Assemble(new List<Keyed<T>>(), _keys, _page));
            return pages;
        }

        /// <summary>How many children each parent has under the filter, cursors aside: one grouped count.</summary>
        public async Task<IReadOnlyDictionary<long, int>> CountAsync(IReadOnlyCollection<long> parentIds, CancellationToken ct)
        {
            var ids = parentIds.ToArray();
            var counts = await _source.Where(OfParents(ids)).GroupBy(_parentOf)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var found = counts.Where(c => c.Key is not null).ToDictionary(c => c.Key!.Value, c => c.Count);
            return ids.ToDictionary(id => id, id => found.GetValueOrDefault(id));
        }

        /// <summary>Rows whose parent is one of <paramref name="ids"/> (sent as one array parameter).</summary>
        private Expression<Func<T, bool>> OfParents(long[] ids)
        {
            var wanted = ids.Select(id => (long?)id).ToArray();
            Expression<Func<long?, bool>> contains = key => wanted.Contains(key);
            return Expression.Lambda<Func<T, bool>>(
                Microsoft.EntityFrameworkCore.Query.ReplacingExpressionVisitor.Replace(contains.Parameters[0], _parentOf.Body, contains.Body),
                _parentOf.Parameters[0]);
        }

        private sealed class Children
        {
            public long ParentId { get; init; }
            public List<Keyed<T>> Rows { get; init; } = [];
        }
    }
}

using System.Linq.Expressions;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Paging;

public static partial class Keyset
{
    /// <summary>
    /// Each parent's page of children (<see cref="PerParent{T}"/>), read by the statement that reads the parents' page
    /// instead of one statement of its own: the parents select their children as a correlated, ordered and limited
    /// collection (<see cref="PageAsync{T}(IQueryable{T}, IReadOnlyList{SortKey}, PageRequest, IReadOnlyList{Folded}, CancellationToken)"/>).
    /// </summary>
    public abstract class Folded
    {
        /// <summary>The children of <paramref name="parent"/> whose parent is one of <paramref name="parentIds"/>.</summary>
        internal abstract Expression Children(Expression parent, Expression parentIds);

        /// <summary>The page of children read by <see cref="Children"/>, with its cursors.</summary>
        internal abstract object Assemble(object rows);
    }

    public sealed partial class PerParent<T>
    {
        /// <summary>This page of every parent, read with the parents (<see cref="Folded"/>).</summary>
        public Folded Fold() => new FoldedChildren(this);

        private sealed class FoldedChildren(PerParent<T> pages) : Folded
        {
            internal override Expression Children(Expression parent, Expression parentIds)
            {
                var ofThisParent = Expression.Lambda<Func<T, bool>>(Expression.Equal(pages._parentOf.Body,
                    Expression.Convert(Expression.Property(parent, nameof(Entity.Id)), typeof(long?))), pages._parentOf.Parameters[0]);
                // The parents' ids (the page's own subquery) are repeated inside the children's read: a correlated
                // top-N that EF Core numbers with ROW_NUMBER() OVER (PARTITION BY parent …) then numbers only these
                // parents' children, found by the parent key's index, never every row the caller may see.
                var ofThePage = Expression.Lambda<Func<T, bool>>(Expression.Call(typeof(Queryable), nameof(Queryable.Contains),
                    [typeof(long?)], parentIds, pages._parentOf.Body), pages._parentOf.Parameters[0]);
                var children = Ordered(pages._sought.Where(ofThePage).Where(ofThisParent), pages._keys, pages._page.Backward)
                    .Take(pages._page.Size + 1);
                return Expression.Call(typeof(Enumerable), nameof(Enumerable.ToList), [typeof(Keyed<T>)],
                    WithKeys(children, pages._keys).Expression);
            }

            internal override object Assemble(object rows) => Keyset.Assemble((List<Keyed<T>>)rows, pages._keys, pages._page);
        }
    }

    /// <summary>
    /// A page of parents and, for each of its rows, the <paramref name="folds"/>' pages of children (in the folds'
    /// order), all read by one statement.
    /// </summary>
    public static async Task<(KeysetPage<T> Page, IReadOnlyDictionary<T, object[]> Children)> PageAsync<T>(
        IQueryable<T> source, IReadOnlyList<SortKey> order, PageRequest page, IReadOnlyList<Folded> folds,
        CancellationToken ct = default) where T : class
    {
        var (keys, query) = Seek(source, order, page);
        var ordered = Ordered(query, keys, reverse: page.Backward).Take(page.Size + 1);
        var parent = Expression.Parameter(typeof(T), "parent");
        var ids = ordered.Select(Expression.Lambda<Func<T, long?>>(
            Expression.Convert(Expression.Property(parent, nameof(Entity.Id)), typeof(long?)), parent)).Expression;
        var rows = await WithKeys(ordered, keys, row => folds.Select(f => f.Children(row, ids))).ToListAsync(ct);
        var children = new Dictionary<T, object[]>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows) children[row.Row] = [.. row.Nested.Select((n, i) => folds[i].Assemble(n!))];
        return (Assemble(rows, keys, page), children);
    }
}

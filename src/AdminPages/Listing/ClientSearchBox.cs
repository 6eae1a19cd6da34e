using System.Linq.Expressions;
using JlnbCrm.Clients;
using JlnbCrm.Database;

namespace JlnbCrm.AdminPages.Listing;

/// <summary>
/// A list's "client" search box (queries, service requests, interactions): the rows of clients the clients
/// screen's own search (name, PAN, mobile, account id) finds, as a subquery, so both screens match alike.
/// </summary>
public static class ClientSearchBox
{
    public static IQueryable<T> OfClientsMatching<T>(this IQueryable<T> rows, CrmDbContext db, string? search,
        Expression<Func<T, long>> clientId)
    {
        if (string.IsNullOrWhiteSpace(search)) return rows;
        var matching = new ClientFilter(search.Trim()).Apply(db.Clients, db, db.Actor).Select(c => c.Id);
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(long)], matching.Expression, clientId.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(contains, clientId.Parameters));
    }
}

using GraphQL;
using GraphQL.DataLoader;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Batching;

/// <summary>The batch loaders of one request, by name; scoped to the HTTP request like the DbContext.</summary>
public sealed class RequestLoaders(CrmDbContext db)
{
    private readonly Dictionary<string, object> _loaders = [];

    public CrmDbContext Db => db;

    public BatchLoader<TKey, TValue> Get<TKey, TValue>(string name,
        Func<CrmDbContext, IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch) where TKey : notnull
    {
        if (!_loaders.TryGetValue(name, out var loader))
            _loaders[name] = loader = new BatchLoader<TKey, TValue>((keys, ct) => fetch(db, keys, ct));
        return (BatchLoader<TKey, TValue>)loader;
    }

    /// <summary>One row of <typeparamref name="T"/> by id, batched with every other id asked for at this level.</summary>
    public IDataLoaderResult<T?> ById<T>(long id) where T : Entity =>
        Get<long, T>($"{typeof(T).Name}.byId", async (db, ids, ct) =>
            await db.Set<T>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct)).Load(id);

    public IDataLoaderResult<T?>? ById<T>(long? id) where T : Entity => id is { } value ? ById<T>(value) : null;

    /// <summary>
    /// The first <paramref name="limit"/> rows pointing at each parent (e.g. each client's products), batched by
    /// parent id. These lists are short (a client's products, a team's members), so the limit is applied as the
    /// rows are grouped; a long one (interactions) takes its top N per parent in SQL instead.
    /// </summary>
    public IDataLoaderResult<T[]?> ByParent<T>(string name, long parentId, int limit,
        Func<IQueryable<T>, IReadOnlyCollection<long>, IQueryable<T>> select, Func<T, long> parentOf) where T : class =>
        Get<long, T[]>($"{name}:{limit}", async (db, ids, ct) =>
        {
            var rows = (await select(db.Set<T>().AsNoTracking(), ids).ToListAsync(ct)).ToLookup(parentOf);
            return ids.ToDictionary(id => id, id => rows[id].Take(limit).ToArray());
        }).Load(parentId);
}

public static class RequestLoadersExtensions
{
    public static RequestLoaders Loaders(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<RequestLoaders>();
}

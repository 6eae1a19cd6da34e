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

    /// <summary>The to-one relations each type's by-id reads join (<see cref="ById{T}(long, ToOneJoins)"/>).</summary>
    private readonly Dictionary<Type, List<ToOneJoins>> _byIdJoins = [];

    /// <summary>One row of <typeparamref name="T"/> by id, batched with every other id asked for at this level.</summary>
    public IDataLoaderResult<T?> ById<T>(long id) where T : Entity => ByIdLoader<T>().Load(id);

    /// <summary>
    /// The same, with the to-one relations the caller's selection asks for read by the same statement (every
    /// caller's joins of this batch are applied together) and handed to their loaders.
    /// </summary>
    public IDataLoaderResult<T?> ById<T>(long id, ToOneJoins joins) where T : Entity
    {
        if (joins.Paths.Count > 0)
        {
            if (!_byIdJoins.TryGetValue(typeof(T), out var all)) _byIdJoins[typeof(T)] = all = [];
            all.Add(joins);
        }
        return ById<T>(id);
    }

    public IDataLoaderResult<T?>? ById<T>(long? id) where T : Entity => id is { } value ? ById<T>(value) : null;

    private BatchLoader<long, T> ByIdLoader<T>() where T : Entity =>
        Get<long, T>($"{typeof(T).Name}.byId", async (db, ids, ct) =>
        {
            var joins = _byIdJoins.Remove(typeof(T), out var asked) ? asked : [];
            var rows = joins.Aggregate(db.Set<T>().AsNoTracking(), (query, join) => join.Apply(query));
            var found = await rows.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            foreach (var join in joins) join.Prime(this, found.Values);
            return found;
        });

    /// <summary>A row another statement read, for its type's by-id loader (null: hidden from the caller).</summary>
    public void Prime(Type entityType, long id, object? row) =>
        PrimeMethod.MakeGenericMethod(entityType).Invoke(this, [id, row]);

    private static readonly System.Reflection.MethodInfo PrimeMethod =
        typeof(RequestLoaders).GetMethod(nameof(PrimeById),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private void PrimeById<T>(long id, object? row) where T : Entity => ByIdLoader<T>().Prime(id, (T?)row);

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

using GraphQL.DataLoader;

namespace JlnbCrm.Graph.Batching;

/// <summary>
/// Collects the keys that resolvers ask for while the executor walks one level of the result, then
/// fetches them all with one query when the first result is awaited. GraphQL.NET's executor awaits
/// <see cref="IDataLoaderResult"/>s only after every other node of the level has run, so a page of 50
/// clients asking for their RM costs one query, not 50. One instance lives for one request.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue?> _loaded = [];
    private readonly HashSet<TKey> _pending = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        if (!_loaded.ContainsKey(key)) _pending.Add(key);
        return new Result(this, key);
    }

    /// <summary>
    /// A value already read by another statement (a row's joined relation, <see cref="ToOneJoins"/>): later loads of
    /// the key are answered from it. A key already loaded keeps its value (both came from the same rows).
    /// </summary>
    public void Prime(TKey key, TValue? value)
    {
        if (_loaded.TryAdd(key, value)) _pending.Remove(key);
    }

    private async Task<TValue?> GetAsync(TKey key, CancellationToken ct)
    {
        if (_pending.Count > 0 && !_loaded.ContainsKey(key))
        {
            var keys = _pending.ToArray();
            _pending.Clear();
            var found = await fetch(keys, ct);
            foreach (var k in keys) _loaded[k] = found.TryGetValue(k, out var value) ? value : default;
        }
        return _loaded.GetValueOrDefault(key);
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}

using GraphQL.DataLoader;

namespace JlnbCrm.Graph.Batching;

/// <summary>Maps a batched result once it arrives (GraphQL.NET's core has no <c>Then</c>; its DataLoader package is not available here).</summary>
public static class LoaderResults
{
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) => new Mapped<T, TResult>(result, map);

    /// <summary>Two batched results combined once both arrive (both were asked for before either is awaited).</summary>
    public static IDataLoaderResult<TResult> With<T1, T2, TResult>(this IDataLoaderResult<T1> first, IDataLoaderResult<T2> second,
        Func<T1, T2, TResult> combine) => new Combined<T1, T2, TResult>(first, second, combine);

    private sealed class Combined<T1, T2, TResult>(IDataLoaderResult<T1> first, IDataLoaderResult<T2> second, Func<T1, T2, TResult> combine)
        : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            combine(await first.GetResultAsync(cancellationToken), await second.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => map(await inner.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

using GraphQL;

namespace JlnbCrm.Graph.Schema;

public static class ServiceLookup
{
    /// <summary>A request-scoped service (the same DbContext for every resolver of one request).</summary>
    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}

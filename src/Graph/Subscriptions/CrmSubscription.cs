using GraphQL;
using GraphQL.Types;
using JlnbCrm.Changes;
using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Subscriptions;

/// <summary>
/// Live updates over WebSocket (graphql-transport-ws at /graphql): each field delivers the committed changes of
/// one kind of record that the subscriber may see, as they may see them.
/// </summary>
public sealed class CrmSubscription : ObjectGraphType
{
    public CrmSubscription()
    {
        Name = "Subscription";
        Field<NonNullGraphType<ServiceRequestChangeGraphType>>("serviceRequestChanged")
            .Description("Service requests created or changed, among those you may see.")
            .ResolveStream(ctx => Changes(ctx, ChangedTable.ServiceRequests,
                async (db, id, ct) => await db.ServiceRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)));
        Field<NonNullGraphType<ClientQueryChangeGraphType>>("clientQueryChanged")
            .Description("Client queries opened or changed, among those you may see.")
            .ResolveStream(ctx => Changes(ctx, ChangedTable.ClientQueries,
                async (db, id, ct) => await db.ClientQueries.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct)));
        Field<NonNullGraphType<LeadChangeGraphType>>("leadChanged")
            .Description("References (leads) added or changed, among those you may see.")
            .ResolveStream(ctx => Changes(ctx, ChangedTable.Leads,
                async (db, id, ct) => await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct)));
    }

    private static VisibleChanges Changes(IResolveFieldContext context, ChangedTable table,
        Func<CrmDbContext, long, CancellationToken, Task<object?>> read)
    {
        if (!context.UserContext.TryGetValue(ISubscriber.UserContextKey, out var value) || value is not ISubscriber subscriber)
            throw new ExecutionError("Subscriptions run over a WebSocket at /graphql (graphql-transport-ws).") { Code = "SUBSCRIPTION_NEEDS_WEBSOCKET" };
        var logger = context.RequestServices!.GetRequiredService<ILoggerFactory>().CreateLogger<CrmSubscription>();
        return new VisibleChanges(subscriber, table, read, logger);
    }
}

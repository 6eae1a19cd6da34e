using GraphQL;
using GraphQL.Execution;

namespace JlnbCrm.Graph.Subscriptions;

/// <summary>
/// Runs each subscription event's selection set in the subscriber's scope for that event (its own DbContext and
/// loaders, acting as the subscriber as signed in again for it), one field at a time as queries are.
/// </summary>
public sealed class EventScopeStrategy() : SubscriptionExecutionStrategy(new SerialExecutionStrategy())
{
    protected override async ValueTask<ExecutionResult> ProcessDataAsync(GraphQL.Execution.ExecutionContext context, ExecutionNode node, object? value)
    {
        if (value is not RowEvent change) return await base.ProcessDataAsync(context, node, value);
        await using (change.Scope)
        {
            context.RequestServices = change.Scope.Services;
            context.User = change.Scope.User;
            return await base.ProcessDataAsync(context, node, value);
        }
    }
}

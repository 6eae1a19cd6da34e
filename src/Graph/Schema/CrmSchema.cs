using JlnbCrm.Graph.Aggregates;
using JlnbCrm.Graph.Filtering;

namespace JlnbCrm.Graph.Schema;

public sealed class CrmSchema : GraphQL.Types.Schema
{
    public CrmSchema(IServiceProvider services, CrmQuery query, CrmMutation mutation,
        Subscriptions.CrmSubscription subscription, FilterInputTypes filters, AggregateGraphTypes aggregates)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Description = "JLNB CRM: clients, references, interactions, queries and service requests.";
        foreach (var type in filters.All) RegisterType(type);
        foreach (var type in aggregates.All) RegisterType(type);
    }
}

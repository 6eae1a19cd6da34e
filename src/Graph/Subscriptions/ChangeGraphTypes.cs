using GraphQL.Types;
using JlnbCrm.Changes;
using JlnbCrm.Graph.ClientQueries;
using JlnbCrm.Graph.Leads;
using JlnbCrm.Graph.ServiceRequests;

namespace JlnbCrm.Graph.Subscriptions;

public sealed class ChangeActionGraphType : EnumerationGraphType<ChangeAction>
{
    public ChangeActionGraphType()
    {
        Name = "ChangeAction";
        Description = "What happened to the row: CREATED or UPDATED (deletions are not announced).";
    }
}

/// <summary>An event: what happened, and the row as the subscriber may see it now.</summary>
public abstract class ChangeGraphType<TNodeGraphType> : ObjectGraphType<RowEvent> where TNodeGraphType : IGraphType
{
    protected ChangeGraphType(string name, string nodeField, string what)
    {
        Name = name;
        Description = $"A committed change to a {what} the subscriber may see.";
        Field<NonNullGraphType<ChangeActionGraphType>>("action").Resolve(ctx => ctx.Source.Action);
        Field<NonNullGraphType<TNodeGraphType>>(nodeField).Description($"The {what} as it is after the change.")
            .Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class ServiceRequestChangeGraphType()
    : ChangeGraphType<ServiceRequestGraphType>("ServiceRequestChange", "serviceRequest", "service request");

public sealed class ClientQueryChangeGraphType()
    : ChangeGraphType<ClientQueryGraphType>("ClientQueryChange", "clientQuery", "client query");

public sealed class LeadChangeGraphType() : ChangeGraphType<LeadGraphType>("LeadChange", "lead", "reference (lead)");

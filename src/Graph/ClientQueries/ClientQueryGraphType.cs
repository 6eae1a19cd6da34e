using JlnbCrm.Auditing;
using JlnbCrm.Graph.Auditing;
using GraphQL.Types;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Clients;
using JlnbCrm.Graph.Directory;
using JlnbCrm.Graph.Interactions;
using JlnbCrm.Interactions;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Graph.ServiceLevels;
using JlnbCrm.Users;

namespace JlnbCrm.Graph.ClientQueries;

public sealed class ClientQueryGraphType : EntityGraphType<ClientQuery>
{
    public ClientQueryGraphType() : base("ClientQuery", "A client's question or complaint: Open → In Progress → Resolved → Closed.")
    {
        Field(q => q.ClientId);
        Field<NonNullGraphType<ClientGraphType>>("client").Resolve(ctx => ctx.Loaders().ById<Client>(ctx.Source.ClientId));
        Field(q => q.AssignedRmId);
        Field<NonNullGraphType<UserGraphType>>("assignedRm").Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.AssignedRmId));
        Field(q => q.Details);
        Field(q => q.Status);
        Field(q => q.Resolution, nullable: true);
        Field(q => q.ResolvedAt, nullable: true).Description("UTC.");
        this.AddSlaFields(q => q.DueAt, q => q.ResolvedAt, q => q.BreachRecordedAt);
        this.NestedConnection<ClientQuery, InteractionGraphType, Interaction>("interactions",
            "The interactions about this query, newest first.", i => i.RelatedQueryId, NaturalOrder.LatestOccurred);
        this.AddHistory(AuditedRecords.Queries);
    }
}

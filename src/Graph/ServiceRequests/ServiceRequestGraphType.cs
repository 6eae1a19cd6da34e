using JlnbCrm.Auditing;
using JlnbCrm.Graph.Auditing;
using GraphQL.Types;
using JlnbCrm.Clients;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Clients;
using JlnbCrm.Graph.Directory;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Graph.ServiceLevels;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;

namespace JlnbCrm.Graph.ServiceRequests;

public sealed class ServiceRequestGraphType : EntityGraphType<ServiceRequest>
{
    public ServiceRequestGraphType() : base("ServiceRequest", "Operations work for a client, in a desk's queue: Pending → In Progress → Completed; Pending or In Progress → Rejected; reopened back to Pending.")
    {
        Field(r => r.ClientId);
        Field<NonNullGraphType<ClientGraphType>>("client").Resolve(ctx => ctx.Loaders().ById<Client>(ctx.Source.ClientId));
        Field(r => r.Type);
        Field(r => r.Details);
        Field(r => r.Status);
        Field(r => r.AssignedUserId, nullable: true);
        Field<UserGraphType>("assignedUser").Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.AssignedUserId));
        Field(r => r.DeskId).Description("The operations team whose queue holds it (routed by its type when raised).");
        Field<NonNullGraphType<TeamGraphType>>("desk").Resolve(ctx => ctx.Loaders().ById<Team>(ctx.Source.DeskId));
        Field(r => r.RejectionReason, nullable: true);
        Field(r => r.ReopenReason, nullable: true).Description("Why it was last reopened (earlier reasons are in the history).");
        Field(r => r.ClosedAt, nullable: true).Description("When it was completed or rejected (UTC).");
        this.AddSlaFields(r => r.DueAt, r => r.ClosedAt, r => r.BreachRecordedAt);
        this.AddHistory(AuditedRecords.ServiceRequests);
    }
}

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
    public ServiceRequestGraphType() : base("ServiceRequest", "Operations work for a client: Pending → In Progress → Completed or Rejected.")
    {
        Field(r => r.ClientId);
        Field<NonNullGraphType<ClientGraphType>>("client").Resolve(ctx => ctx.Loaders().ById<Client>(ctx.Source.ClientId));
        Field(r => r.Type);
        Field(r => r.Details);
        Field(r => r.Status);
        Field(r => r.AssignedUserId, nullable: true);
        Field<UserGraphType>("assignedUser").Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.AssignedUserId));
        Field(r => r.RejectionReason, nullable: true);
        Field(r => r.ClosedAt, nullable: true).Description("When it was completed or rejected (UTC).");
        this.AddSlaFields(r => r.DueAt, r => r.ClosedAt, r => r.BreachRecordedAt);
        this.AddHistory(AuditedRecords.ServiceRequests);
    }
}

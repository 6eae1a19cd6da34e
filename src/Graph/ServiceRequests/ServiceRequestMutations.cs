using GraphQL.Types;
using JlnbCrm.Graph.Schema;
using JlnbCrm.ServiceRequests;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.ServiceRequests;

public static class ServiceRequestMutations
{
    public static void AddServiceRequestMutations(this ObjectGraphType root)
    {
        var payload = PayloadType("ServiceRequestPayload", ("serviceRequest", new GraphQLTypeReference("ServiceRequest")));

        root.Mutation("createServiceRequest",
            "Raises a service request (Pending) on the desk its type is routed to; an assignee must be of that desk.",
            Define("CreateServiceRequestInput", "The request.", Required<IdGraphType>("clientId"),
                Required<EnumerationGraphType<ServiceRequestType>>("type"), Required<StringGraphType>("details"), Optional<IdGraphType>("assignedUserId")),
            payload, async (ctx, input) => Result("serviceRequest", await ctx.Service<ServiceDesk>().CreateAsync(
                input.Id("clientId", "Client"), input.Enum<ServiceRequestType>("type"), input.String("details") ?? "",
                input.OptionalId("assignedUserId", "User"), ctx.CancellationToken)));

        root.Mutation("updateServiceRequest", "Edits an open request's details; the type may change only while it is Pending.",
            Define("UpdateServiceRequestInput", "Changed request; fields left out keep their value.",
                [.. Target("service request"), Optional<EnumerationGraphType<ServiceRequestType>>("type"), Optional<StringGraphType>("details")]),
            payload, async (ctx, input) => Result("serviceRequest", await ctx.Service<ServiceDesk>().UpdateAsync(
                input.Id("id", "ServiceRequest"), input.Version(), input.OptionalEnum<ServiceRequestType>("type"),
                input.String("details"), ctx.CancellationToken)));

        root.Mutation("assignServiceRequest", "Gives an open request to a user.",
            Define("AssignServiceRequestInput", "The assignee.", [.. Target("service request"), Required<IdGraphType>("userId")]),
            payload, async (ctx, input) => Result("serviceRequest", await ctx.Service<ServiceDesk>().AssignAsync(
                input.Id("id", "ServiceRequest"), input.Version(), input.Id("userId", "User"), ctx.CancellationToken)));

        root.Mutation("moveServiceRequest",
            "Pending → In Progress → Completed; Pending or In Progress → Rejected (a reason is required). Starting an unassigned request assigns it to you.",
            Define("MoveServiceRequestInput", "The next status.",
                [.. Target("service request"), Required<EnumerationGraphType<ServiceRequestStatus>>("status"), Optional<StringGraphType>("reason")]),
            payload, async (ctx, input) => Result("serviceRequest", await ctx.Service<ServiceDesk>().MoveAsync(
                input.Id("id", "ServiceRequest"), input.Version(), input.Enum<ServiceRequestStatus>("status"), input.String("reason"), ctx.CancellationToken)));
    

        root.Mutation("reopenServiceRequest",
            "Takes a Completed or Rejected request back to Pending with the same assignee (the desk's head or an admin; a reason is required).",
            Define("ReopenServiceRequestInput", "Why it is reopened.", [.. Target("service request"), Required<StringGraphType>("reason")]),
            payload, async (ctx, input) => Result("serviceRequest", await ctx.Service<ServiceDesk>().ReopenAsync(
                input.Id("id", "ServiceRequest"), input.Version(), input.String("reason") ?? "", ctx.CancellationToken)));
    }
}

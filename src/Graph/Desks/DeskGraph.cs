using GraphQL.Types;
using JlnbCrm.Desks;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Directory;
using JlnbCrm.Graph.Schema;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.Desks;

public sealed class DeskRouteGraphType : ObjectGraphType<DeskRoute>
{
    public DeskRouteGraphType()
    {
        Name = "DeskRoute";
        Description = "Service requests of this type go to this operations desk.";
        Field(r => r.Type);
        Field(r => r.TeamId);
        Field<NonNullGraphType<TeamGraphType>>("desk").Resolve(ctx => ctx.Loaders().ById<Team>(ctx.Source.TeamId));
    }
}

/// <summary>Admin: team kinds, desk routes and the default desk (refused to others: AdminOnlyFieldsRule, RequireAdmin).</summary>
public static class DeskMutations
{
    public static void AddDeskMutations(this ObjectGraphType root)
    {
        var team = PayloadType("TeamKindPayload", ("team", new GraphQLTypeReference("Team")));
        var route = PayloadType("DeskRoutePayload", ("deskRoute", new GraphQLTypeReference("DeskRoute")));
        DeskRouting Routing(GraphQL.IResolveFieldContext ctx) => ctx.Service<DeskRouting>();

        root.Mutation("setTeamKind", "Makes a team an operations desk or an RM team (the first desk becomes the default desk).",
            Define("SetTeamKindInput", "The kind.", [.. Target("team"), Required<EnumerationGraphType<TeamKind>>("kind")]),
            team, async (ctx, input) => Result("team", await Routing(ctx).SetTeamKindAsync(input.Id("id", "Team"), input.Version(),
                input.Enum<TeamKind>("kind"), ctx.CancellationToken)));

        root.Mutation("setDeskRoute", "Sends new service requests of a type to an operations desk.",
            Define("SetDeskRouteInput", "The route.", Required<EnumerationGraphType<ServiceRequestType>>("type"),
                Required<IdGraphType>("teamId")),
            route, async (ctx, input) => Result("deskRoute", await Routing(ctx).SetRouteAsync(input.Enum<ServiceRequestType>("type"),
                input.Id("teamId", "Team"), ctx.CancellationToken)));

        root.Mutation("removeDeskRoute", "New service requests of a type go to the default desk again.",
            Define("RemoveDeskRouteInput", "The type.", Required<EnumerationGraphType<ServiceRequestType>>("type")),
            route, async (ctx, input) =>
            {
                await Routing(ctx).RemoveRouteAsync(input.Enum<ServiceRequestType>("type"), ctx.CancellationToken);
                return Result("deskRoute", null);
            });

        root.Mutation("setDefaultDesk", "Makes an operations team the desk for every type without a route.",
            Define("SetDefaultDeskInput", "The desk.", Required<IdGraphType>("teamId")),
            team, async (ctx, input) => Result("team", await Routing(ctx).SetDefaultDeskAsync(input.Id("teamId", "Team"),
                ctx.CancellationToken)));
    }
}

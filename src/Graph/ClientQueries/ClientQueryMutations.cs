using GraphQL.Types;
using JlnbCrm.ClientQueries;
using JlnbCrm.Graph.Schema;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.ClientQueries;

public static class ClientQueryMutations
{
    public static void AddClientQueryMutations(this ObjectGraphType root)
    {
        var payload = PayloadType("ClientQueryPayload", ("clientQuery", new GraphQLTypeReference("ClientQuery")));
        ClientQueryDesk Desk(GraphQL.IResolveFieldContext ctx) => ctx.Service<ClientQueryDesk>();

        root.Mutation("openClientQuery", "Records a client's query; it goes to the client's RM unless assignedRmId says otherwise.",
            Define("OpenClientQueryInput", "The query.", Required<IdGraphType>("clientId"), Required<StringGraphType>("details"), Optional<IdGraphType>("assignedRmId")),
            payload, async (ctx, input) => Result("clientQuery", await Desk(ctx).OpenAsync(
                input.Id("clientId", "Client"), input.String("details") ?? "", input.OptionalId("assignedRmId", "User"), ctx.CancellationToken)));

        root.Mutation("updateClientQuery", "Edits an open query's details.",
            Define("UpdateClientQueryInput", "New details.", [.. Target("query"), Required<StringGraphType>("details")]),
            payload, async (ctx, input) => Result("clientQuery", await Desk(ctx).UpdateAsync(
                input.Id("id", "ClientQuery"), input.Version(), input.String("details") ?? "", ctx.CancellationToken)));

        root.Mutation("assignClientQuery", "Gives an open query to another RM.",
            Define("AssignClientQueryInput", "The RM.", [.. Target("query"), Required<IdGraphType>("rmId")]),
            payload, async (ctx, input) => Result("clientQuery", await Desk(ctx).AssignAsync(
                input.Id("id", "ClientQuery"), input.Version(), input.Id("rmId", "User"), ctx.CancellationToken)));

        root.Mutation("startClientQuery", "Open → In Progress.", Define("StartClientQueryInput", "The query.", Target("query")),
            payload, async (ctx, input) => Result("clientQuery", await Desk(ctx).StartAsync(
                input.Id("id", "ClientQuery"), input.Version(), ctx.CancellationToken)));

        root.Mutation("resolveClientQuery", "Open/In Progress → Resolved with a resolution (required); logs a Query Resolution interaction.",
            Define("ResolveClientQueryInput", "The resolution.", [.. Target("query"), Optional<StringGraphType>("resolution")]),
            payload, async (ctx, input) => Result("clientQuery", await Desk(ctx).ResolveAsync(
                input.Id("id", "ClientQuery"), input.Version(), input.String("resolution"), ctx.CancellationToken)));

        root.Mutation("closeClientQuery", "Resolved → Closed; an open query closes directly only with a resolution.",
            Define("CloseClientQueryInput", "The query.", [.. Target("query"), Optional<StringGraphType>("resolution")]),
            payload, async (ctx, input) => Result("clientQuery", await Desk(ctx).CloseAsync(
                input.Id("id", "ClientQuery"), input.Version(), input.String("resolution"), ctx.CancellationToken)));
    }
}

using GraphQL.Types;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Interactions;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.Interactions;

public static class InteractionMutations
{
    public static void AddInteractionMutations(this ObjectGraphType root) =>
        root.Mutation("logInteraction",
            "Logs an interaction. A Query Resolution names its query; a Portfolio Review may list cross-sell products, each becoming a new reference.",
            Define("LogInteractionInput", "The interaction.",
                Required<IdGraphType>("clientId"), Required<EnumerationGraphType<InteractionType>>("type"), Required<StringGraphType>("details"),
                Optional<DateTimeGraphType>("occurredAt", "Defaults to now."), Optional<IdGraphType>("relatedProductId"),
                Optional<IdGraphType>("relatedQueryId"), Optional<ListGraphType<NonNullGraphType<IdGraphType>>>("crossSellProductIds"),
                Optional<IdGraphType>("userId", "Who had it; defaults to you.")),
            PayloadType("LogInteractionPayload", ("interaction", new GraphQLTypeReference("Interaction")),
                ("crossSellLeads", new ListGraphType(new NonNullGraphType(new GraphQLTypeReference("Lead"))))),
            async (ctx, input) =>
            {
                var logged = await ctx.Service<InteractionLog>().LogAsync(new InteractionEntry(
                    input.Id("clientId", "Client"), input.Enum<InteractionType>("type"), input.String("details") ?? "",
                    input.Time("occurredAt"), input.OptionalId("relatedProductId", "Product"), input.OptionalId("relatedQueryId", "ClientQuery"),
                    input.Ids("crossSellProductIds", "Product"), input.OptionalId("userId", "User")), ctx.CancellationToken);
                return new Dictionary<string, object?> { ["interaction"] = logged.Interaction, ["crossSellLeads"] = logged.CrossSellLeads };
            });
}

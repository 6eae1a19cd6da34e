using GraphQL.Types;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Households;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.Households;

/// <summary>Household workflows; who may do what is HouseholdBook's rule (the right to edit the member concerned).</summary>
public static class HouseholdMutations
{
    public static void AddHouseholdMutations(this ObjectGraphType root)
    {
        var payload = PayloadType("HouseholdPayload", ("household", new GraphQLTypeReference("Household")));
        HouseholdBook Book(GraphQL.IResolveFieldContext ctx) => ctx.Service<HouseholdBook>();

        root.Mutation("createHousehold", "Starts a household headed by a client who belongs to none yet.",
            Define("CreateHouseholdInput", "The new household.",
                Required<StringGraphType>("name"), Required<IdGraphType>("headClientId")),
            payload, async (ctx, input) => Result("household", await Book(ctx).CreateAsync(input.String("name") ?? "",
                input.Id("headClientId", "Client"), ctx.CancellationToken)));

        root.Mutation("renameHousehold", "Renames a household (the head's RM, their head or an admin).",
            Define("RenameHouseholdInput", "The new name.", [.. Target("household"), Required<StringGraphType>("name")]),
            payload, async (ctx, input) => Result("household", await Book(ctx).RenameAsync(input.Id("id", "Household"),
                input.Version(), input.String("name") ?? "", ctx.CancellationToken)));

        root.Mutation("addHouseholdMember", "Adds a client who belongs to no household yet.",
            Define("AddHouseholdMemberInput", "The member.", Required<IdGraphType>("householdId"), Required<IdGraphType>("clientId")),
            payload, async (ctx, input) => Result("household", await Book(ctx).AddMemberAsync(input.Id("householdId", "Household"),
                input.Id("clientId", "Client"), ctx.CancellationToken)));

        root.Mutation("removeHouseholdMember",
            "Takes a client out of their household. The head leaves last (make another member head first); "
            + "when the head leaves, the household is removed and the payload's household is null.",
            Define("RemoveHouseholdMemberInput", "The member.", Required<IdGraphType>("clientId")),
            payload, async (ctx, input) => Result("household", await Book(ctx).RemoveMemberAsync(input.Id("clientId", "Client"),
                ctx.CancellationToken)));

        root.Mutation("setHouseholdHead", "Makes a member the household's head.",
            Define("SetHouseholdHeadInput", "The new head.", Required<IdGraphType>("householdId"), Required<IdGraphType>("clientId")),
            payload, async (ctx, input) => Result("household", await Book(ctx).SetHeadAsync(input.Id("householdId", "Household"),
                input.Id("clientId", "Client"), ctx.CancellationToken)));
    }
}

using GraphQL.Types;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Leads;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.Leads;

public static class LeadMutations
{
    private static readonly (string, Type, string?)[] DetailFields =
    [
        Optional<StringGraphType>("mobile"), Optional<StringGraphType>("email"), Optional<StringGraphType>("pan", "If known; AAAAA9999A."),
        Optional<StringGraphType>("refGivenBy", "Who gave the reference (free text)."),
        Optional<IdGraphType>("refGivenByClientId", "The existing client who gave it, if one."), Optional<StringGraphType>("notes"),
    ];

    public static void AddLeadMutations(this ObjectGraphType root)
    {
        var payload = PayloadType("LeadPayload", ("lead", new GraphQLTypeReference("Lead")));

        root.Mutation("createLead", "Adds a reference in status New; it is obtained by you unless refObtainedById says otherwise.",
            Define("CreateLeadInput", "A new reference.",
            [Required<StringGraphType>("prospectName"), Required<EnumerationGraphType<ModeOfCommunication>>("modeOfCommunication"),
             Required<IdGraphType>("productId", "The product of interest."), .. DetailFields, Optional<IdGraphType>("refObtainedById"),
             Optional<BooleanGraphType>("addAnyway",
                 "Add it even though its PAN or mobile matches a client or an open reference (refused with POSSIBLE_DUPLICATE otherwise).")]),
            payload, async (ctx, input) => Result("lead", await ctx.Service<LeadWorkflow>().CreateAsync(
                Details(input, new LeadDetails("", null, null, null, null, default, 0)), input.OptionalId("refObtainedById", "User"),
                input.OptionalBool("addAnyway") ?? false, ctx.CancellationToken)));

        root.Mutation("updateLead", "Edits an open reference; fields left out keep their value.",
            Define("UpdateLeadInput", "Changed reference details.",
            [.. Target("reference"), Optional<StringGraphType>("prospectName"), Optional<EnumerationGraphType<ModeOfCommunication>>("modeOfCommunication"),
             Optional<IdGraphType>("productId"), .. DetailFields]),
            payload, async (ctx, input) => Result("lead", await ctx.Service<LeadWorkflow>().UpdateAsync(
                input.Id("id", "Lead"), input.Version(), current => Details(input, current), ctx.CancellationToken)));

        root.Mutation("moveLeadToWip", "New → WIP.", Define("MoveLeadToWipInput", "The reference.", Target("reference")),
            payload, async (ctx, input) => Result("lead", await ctx.Service<LeadWorkflow>().MoveToWipAsync(
                input.Id("id", "Lead"), input.Version(), ctx.CancellationToken)));

        root.Mutation("denyLead", "New or WIP → Denied, with the reason (required).",
            Define("DenyLeadInput", "The reference and why it is denied.", [.. Target("reference"), Optional<StringGraphType>("reason")]),
            payload, async (ctx, input) => Result("lead", await ctx.Service<LeadWorkflow>().DenyAsync(
                input.Id("id", "Lead"), input.Version(), input.String("reason"), ctx.CancellationToken)));

        root.Mutation("assignConversionRm", "Names the RM who must convert an open reference.",
            Define("AssignConversionRmInput", "The reference and the RM.", [.. Target("reference"), Required<IdGraphType>("rmId")]),
            payload, async (ctx, input) => Result("lead", await ctx.Service<LeadWorkflow>().AssignConversionRmAsync(
                input.Id("id", "Lead"), input.Version(), input.Id("rmId", "User"), ctx.CancellationToken)));

        root.Mutation("convertLead",
            "In one transaction: links the client with the prospect's PAN or creates one, adds the product, marks the reference Converted and logs a New Business interaction.",
            Define("ConvertLeadInput", "The reference, and what the client record needs beyond it.",
            [.. Target("reference"), Optional<StringGraphType>("pan", "Required if the reference has no PAN."),
             Optional<StringGraphType>("name", "Defaults to the prospect's name."), Optional<StringGraphType>("accountId"),
             Optional<StringGraphType>("address"), Optional<DateOnlyGraphType>("dateOfBirth"),
             Optional<StringGraphType>("notes", "Details for the New Business interaction.")]),
            PayloadType("ConvertLeadPayload", ("lead", new GraphQLTypeReference("Lead")), ("client", new GraphQLTypeReference("Client")),
                ("createdClient", new BooleanGraphType())),
            async (ctx, input) =>
            {
                var conversion = await ctx.Service<LeadWorkflow>().ConvertAsync(input.Id("id", "Lead"), input.Version(),
                    new ConversionDetails(input.String("pan"), input.String("name"), input.String("accountId"), input.String("address"),
                        input.Date("dateOfBirth"), input.String("notes")), ctx.CancellationToken);
                return new Dictionary<string, object?>
                {
                    ["lead"] = conversion.Lead, ["client"] = conversion.Client, ["createdClient"] = conversion.CreatedClient,
                };
            });
    }

    private static LeadDetails Details(InputReader input, LeadDetails current) => new(
        input.Patch("prospectName", current.ProspectName) ?? "", input.Patch("mobile", current.Mobile), input.Patch("email", current.Email),
        input.Patch("pan", current.Pan), input.Patch("refGivenBy", current.RefGivenBy),
        input.OptionalEnum<ModeOfCommunication>("modeOfCommunication") ?? current.ModeOfCommunication,
        input.OptionalId("productId", "Product") ?? current.ProductId,
        input.Has("refGivenByClientId") ? input.OptionalId("refGivenByClientId", "Client") : current.RefGivenByClientId,
        input.Patch("notes", current.Notes));
}

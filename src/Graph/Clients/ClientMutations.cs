using GraphQL.Types;
using JlnbCrm.Clients;
using JlnbCrm.Graph.Schema;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.Clients;

public static class ClientMutations
{
    private static readonly (string, Type, string?)[] DetailFields =
    [
        Optional<StringGraphType>("name"), Optional<StringGraphType>("pan", "AAAAA9999A; compulsory and unique."),
        Optional<StringGraphType>("accountId"), Optional<StringGraphType>("mobile"), Optional<StringGraphType>("email"),
        Optional<StringGraphType>("address"), Optional<DateOnlyGraphType>("dateOfBirth"), Optional<DateOnlyGraphType>("anniversary"),
        Optional<EnumerationGraphType<ReviewFrequency>>("reviewFrequency",
            "How often the portfolio is reviewed; any but NONE needs nextReviewOn."),
        Optional<DateOnlyGraphType>("nextReviewOn", "India's date of the next portfolio review (null: none planned)."),
    ];

    public static void AddClientMutations(this ObjectGraphType root)
    {
        var payload = PayloadType("ClientPayload", ("client", new GraphQLTypeReference("Client")));

        root.Mutation("createClient", "Adds a client. PAN is compulsory, validated and unique; the RM defaults to you.",
            Define("CreateClientInput", "A new client.",
            [Required<StringGraphType>("name"), Required<StringGraphType>("pan", "AAAAA9999A"), .. DetailFields[2..],
             Optional<IdGraphType>("assignedRmId", "Defaults to the signed-in user.")]),
            payload, async (ctx, input) => Result("client", await ctx.Service<ClientService>().CreateAsync(
                Details(input, new ClientDetails("", "")), input.OptionalId("assignedRmId", "User"), ctx.CancellationToken)));

        root.Mutation("updateClient", "Edits a client's details; fields left out keep their value.",
            Define("UpdateClientInput", "Changed client details.", [.. Target("client"), .. DetailFields]),
            payload, async (ctx, input) => Result("client", await ctx.Service<ClientService>().UpdateAsync(
                input.Id("id", "Client"), input.Version(), current => Details(input, current), ctx.CancellationToken)));

        root.Mutation("assignClientRm", "Gives the client to another (active) RM.",
            Define("AssignClientRmInput", "The new RM.", [.. Target("client"), Required<IdGraphType>("rmId")]),
            payload, async (ctx, input) => Result("client", await ctx.Service<ClientService>().AssignRmAsync(
                input.Id("id", "Client"), input.Version(), input.Id("rmId", "User"), ctx.CancellationToken)));

        root.Mutation("addClientProduct", "Records that the client holds a product (once per product).",
            Define("AddClientProductInput", "The holding.", Required<IdGraphType>("clientId"), Required<IdGraphType>("productId"),
                Optional<DateOnlyGraphType>("subscribedOn", "Defaults to today (UTC).")),
            payload, async (ctx, input) => Result("client", await ctx.Service<ClientService>().AddProductAsync(
                input.Id("clientId", "Client"), input.Id("productId", "Product"), input.Date("subscribedOn"), ctx.CancellationToken)));

        root.Mutation("removeClientProduct", "Removes a product from the client's holdings.",
            Define("RemoveClientProductInput", "The holding.", Required<IdGraphType>("clientId"), Required<IdGraphType>("productId")),
            payload, async (ctx, input) => Result("client", await ctx.Service<ClientService>().RemoveProductAsync(
                input.Id("clientId", "Client"), input.Id("productId", "Product"), ctx.CancellationToken)));
    }

    private static ClientDetails Details(InputReader input, ClientDetails current) => new(
        input.Patch("name", current.Name) ?? "", input.Patch("pan", current.Pan) ?? "", input.Patch("accountId", current.AccountId),
        input.Patch("mobile", current.Mobile), input.Patch("email", current.Email), input.Patch("address", current.Address),
        input.Has("dateOfBirth") ? input.Date("dateOfBirth") : current.DateOfBirth,
        input.Has("anniversary") ? input.Date("anniversary") : current.Anniversary,
        input.Has("reviewFrequency") ? input.OptionalEnum<ReviewFrequency>("reviewFrequency") ?? ReviewFrequency.None : current.ReviewFrequency,
        input.Has("nextReviewOn") ? input.Date("nextReviewOn") : current.NextReviewOn);
}

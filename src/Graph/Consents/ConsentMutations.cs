using GraphQL.Types;
using JlnbCrm.Consents;
using JlnbCrm.Graph.Schema;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.Consents;

/// <summary>The consent register and the data export, through the domain services the pages call too.</summary>
public static class ConsentMutations
{
    public static void AddConsentMutations(this ObjectGraphType root)
    {
        var payload = PayloadType("ConsentPayload", ("consent", new GraphQLTypeReference("Consent")));

        root.Mutation("giveConsent", "Records a client's consent to a purpose, with its evidence (the client's RM, their head or an admin).",
            Define("GiveConsentInput", "The consent.", Required<IdGraphType>("clientId"),
                Required<EnumerationGraphType<ConsentPurpose>>("purpose"),
                Required<StringGraphType>("evidence", "How it was obtained (form reference, call recording…)."),
                Optional<DateTimeGraphType>("givenAt", "When the client gave it; defaults to now. Not in the future.")),
            payload, async (ctx, input) => Result("consent", await ctx.Service<ConsentBook>().GiveAsync(
                input.Id("clientId", "Client"), input.Enum<ConsentPurpose>("purpose"), input.String("evidence") ?? "",
                input.Time("givenAt"), ctx.CancellationToken)));

        root.Mutation("withdrawConsent", "Records that the client withdrew a consent (marketing: out of every cross-sell list).",
            Define("WithdrawConsentInput", "The withdrawal.", [.. Target("consent"),
                Required<StringGraphType>("evidence", "How the withdrawal reached the firm.")]),
            payload, async (ctx, input) => Result("consent", await ctx.Service<ConsentBook>().WithdrawAsync(
                input.Id("id", "Consent"), input.Version(), input.String("evidence") ?? "", ctx.CancellationToken)));

        var export = PayloadType("ExportClientDataPayload", ("file", new ExportFileGraphType()));
        root.Mutation("exportClientData", "Everything held about a client that you may see, as JSON or CSV (a DPDP access " +
                "request); PAN and account id as you see them. Recorded in the client's history.",
            Define("ExportClientDataInput", "The client and format.", Required<IdGraphType>("clientId"),
                Required<EnumerationGraphType<ExportFormat>>("format")),
            export, async (ctx, input) => Result("file", await ctx.Service<ClientDataExport>().ExportAsync(
                input.Id("clientId", "Client"), input.Enum<ExportFormat>("format"), ctx.CancellationToken)));
    }
}

using GraphQL.Types;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Kyc;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.Kyc;

/// <summary>KYC status; who may record it and what it raises is KycRegister's rule (the right to edit the client).</summary>
public static class KycMutations
{
    public static void AddKycMutations(this ObjectGraphType root)
    {
        root.Mutation("recordKyc",
            "Records the client's KYC status as the KRA shows it, checked by you. On Hold or Rejected raises a KYC "
            + "Update service request on the operations desk, unless one for KYC is still open.",
            Define("RecordKycInput", "What the KRA shows.", Required<IdGraphType>("clientId"),
                Required<EnumerationGraphType<KycStatus>>("status"),
                Optional<DateOnlyGraphType>("checkedOn", "Defaults to today (UTC); never a future date.")),
            PayloadType("RecordKycPayload", ("client", new GraphQLTypeReference("Client"))),
            async (ctx, input) => Result("client", await ctx.Service<KycRegister>().RecordAsync(
                input.Id("clientId", "Client"), input.Enum<KycStatus>("status"), input.Date("checkedOn"),
                ctx.CancellationToken)));
    }
}

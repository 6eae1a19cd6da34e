using GraphQL.Types;
using JlnbCrm.Deleting;
using JlnbCrm.Graph.Nodes;
using JlnbCrm.Graph.Schema;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.Deleting;

/// <summary>
/// The deletes of docs/access.md's Delete column, one per record kind, each calling <see cref="RecordDeletion"/> (as the
/// pages do): id, version and a required reason, which the audit trail keeps with the deleted row's values.
/// </summary>
public static class DeleteMutations
{
    private delegate Task Deletion(RecordDeletion deletion, long id, long version, string? reason, CancellationToken ct);

    public static void AddDeleteMutations(this ObjectGraphType root)
    {
        var payload = PayloadType("DeletePayload", ("deletedId", new IdGraphType()), ("deletedDatabaseId", new LongGraphType()));
        root.Delete("deleteLead", "reference", "Lead", "References a client was converted from cannot be deleted (IN_USE).",
            payload, (d, id, version, reason, ct) => d.DeleteLeadAsync(id, version, reason, ct));
        root.Delete("deleteInteraction", "interaction", "Interaction",
            "A portfolio review whose cross-sell references remain cannot be deleted (IN_USE).",
            payload, (d, id, version, reason, ct) => d.DeleteInteractionAsync(id, version, reason, ct));
        root.Delete("deleteClientQuery", "query", "ClientQuery",
            "A query that interactions record work on (its resolution) cannot be deleted while they remain (IN_USE).",
            payload, (d, id, version, reason, ct) => d.DeleteClientQueryAsync(id, version, reason, ct));
        root.Delete("deleteServiceRequest", "service request", "ServiceRequest", "",
            payload, (d, id, version, reason, ct) => d.DeleteServiceRequestAsync(id, version, reason, ct));
        root.Delete("deleteClient", "client", "Client",
            "Administrators only, and only a client without history (references, interactions, queries, service requests: "
            + "IN_USE); its product holdings go with it.",
            payload, (d, id, version, reason, ct) => d.DeleteClientAsync(id, version, reason, ct));
    }

    private static void Delete(this ObjectGraphType root, string name, string what, string type, string rule,
        ObjectGraphType<Payload> payload, Deletion delete)
    {
        var inputName = char.ToUpperInvariant(name[0]) + name[1..] + "Input";
        root.Mutation(name, $"Deletes a {what} for good (admins and RM Heads who may edit it); the reason is kept in the "
            + $"audit trail. {rule}".TrimEnd(),
            Define(inputName, $"The {what} to delete and why.",
                [.. Target(what), Optional<StringGraphType>("reason", "Why it is deleted (required: REQUIRED if blank; kept in the audit trail).")]),
            payload, async (ctx, input) =>
            {
                var id = input.Id("id", type);
                await delete(ctx.Service<RecordDeletion>(), id, input.Version(), input.String("reason"), ctx.CancellationToken);
                return new Dictionary<string, object?> { ["deletedId"] = NodeId.Encode(type, id), ["deletedDatabaseId"] = id };
            });
    }
}

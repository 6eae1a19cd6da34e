using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.ServiceRequests;

namespace JlnbCrm.Access;

/// <summary>
/// The Delete column of docs/access.md, record by record: deleting is editing plus seniority. Admins and heads
/// delete the references, interactions, queries and service requests they may edit (junior staff create and update,
/// never delete); only an admin deletes a client (and only one without history, which the deletion checks). Users,
/// teams and products are never deleted: they are deactivated or retired. Every delete asks
/// <see cref="RequireMayDelete"/>; the pages ask <see cref="MayDelete"/> to offer the button only where it would work.
/// </summary>
public static partial class AccessRules
{
    public static bool MayDelete(this ICurrentActor actor, Entity record) => record switch
    {
        Client client => actor.IsAdmin() && actor.MayEditClient(client),
        Lead lead => actor.DeletesWork() && actor.MayEditLead(lead),
        Interaction interaction => actor.DeletesWork() && actor.MayEditInteraction(interaction),
        ClientQuery query => actor.DeletesWork() && actor.MayWorkQuery(query),
        ServiceRequest request => actor.DeletesWork() && actor.MayWorkServiceRequest(request),
        _ => false,
    };

    /// <param name="what">The record as the refusal names it ("this reference").</param>
    public static void RequireMayDelete(this ICurrentActor actor, Entity record, string what)
    {
        if (actor.MayDelete(record)) return;
        throw Refuse(record is Client
            ? "Only an administrator may delete a client."
            : actor.DeletesWork()
                ? $"You may delete only what you may edit; {what} is not yours, your team's or your team's client's."
                : $"Junior staff cannot delete {what}; ask your RM Head.");
    }

    /// <summary>
    /// Interactions have no edit screen; the right the delete needs is that of whoever answers for it: the person
    /// who logged it and their head, or the client's RM and their head (admins any).
    /// </summary>
    public static bool MayEditInteraction(this ICurrentActor actor, Interaction interaction) =>
        actor.Owns(interaction.UserId, Loaded(interaction.User, "interaction's author").TeamId)
        || actor.MayEditClient(Loaded(interaction.Client, "interaction's client"));

    private static bool DeletesWork(this ICurrentActor actor) => actor.IsAdmin() || actor.IsHead();
}

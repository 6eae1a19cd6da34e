using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.Leads;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;

namespace JlnbCrm.Access;

/// <summary>
/// The Edit and Assign columns of docs/access.md, record by record. Seeing a record is not the right to change it:
/// a client reached through a service request or a query is visible (PAN masked) but not editable, so every rule
/// here is keyed on the loaded record's owner, team or assignee, never on "the row came back". Each
/// <c>Require…</c> throws <see cref="NotAuthorized"/>; the <c>May…</c> beside it lets a page offer only what it
/// would accept. The people a rule names (a client's RM, a query's assignee…) must be loaded with the record.
/// </summary>
public static partial class AccessRules
{
    /// <summary>A client's details, holdings and RM are changed by admins, its RM and the head of the RM's team.</summary>
    public static bool MayEditClient(this ICurrentActor actor, Client client) =>
        actor.Owns(client.AssignedRmId, Loaded(client.AssignedRm, "client's RM").TeamId);

    public static void RequireMayEditClient(this ICurrentActor actor, Client client, string what, string field = "id")
    {
        if (!actor.MayEditClient(client))
            throw Refuse($"Only the client's RM, their RM Head or an administrator may {what}.", field);
    }

    /// <summary>Handing a client to another RM: admins (any RM) and the head of the client's team (within it).</summary>
    public static bool MayReassignClient(this ICurrentActor actor, Client client) =>
        actor.MayHandOverWork() && actor.MayEditClient(client);

    public static void RequireMayReassignClient(this ICurrentActor actor, Client client, User newRm)
    {
        actor.RequireMayEditClient(client, "change its RM");
        actor.RequireMayAssign(newRm, "rmId", selfAllowed: false);
    }

    /// <summary>
    /// Opening a query without naming who answers gives it to the client's RM: an assignment like any other, so
    /// someone who reaches the client only through their work may open one only for themselves (or their team).
    /// </summary>
    public static bool MayOpenQueryForItsRm(this ICurrentActor actor, Client client) =>
        actor.MayAssign(Loaded(client.AssignedRm, "client's RM"), selfAllowed: true);

    public static void RequireMayOpenQueryForItsRm(this ICurrentActor actor, Client client)
    {
        if (!actor.MayOpenQueryForItsRm(client))
            throw Refuse("This client's RM is not someone you may give work to: "
                + "name who answers the query (yourself, or your team).", "assignedRmId");
    }

    /// <summary>A reference is its obtainer's and its conversion RM's, and their heads'.</summary>
    public static bool MayEditLead(this ICurrentActor actor, Lead lead) =>
        actor.Owns(lead.RefObtainedById, Loaded(lead.RefObtainedBy, "reference's obtainer").TeamId)
        || lead.ConversionRmId is { } rmId && actor.Owns(rmId, Loaded(lead.ConversionRm, "conversion RM").TeamId);

    public static void RequireMayEditLead(this ICurrentActor actor, Lead lead, string what)
    {
        if (!actor.MayEditLead(lead))
            throw Refuse($"Only whoever obtained or converts this reference, their RM Head or an administrator may {what}.",
                "id");
    }

    /// <summary>
    /// A query is worked by its assignee, by the head of the assignee's team, and by the head of the client's team
    /// (who answers for the team's clients); admins work any.
    /// </summary>
    public static bool MayWorkQuery(this ICurrentActor actor, ClientQuery query) =>
        actor.Owns(query.AssignedRmId, Loaded(query.AssignedRm, "query's assignee").TeamId)
        || actor.IsHead() && TeamOf(Loaded(query.Client, "query's client")) == actor.TeamId;

    public static void RequireMayWorkQuery(this ICurrentActor actor, ClientQuery query, string what)
    {
        if (!actor.MayWorkQuery(query))
            throw Refuse($"Only the query's assignee, their RM Head, the client's RM Head or an administrator may {what}.",
                "id");
    }

    /// <summary>
    /// A service request is worked by its assignee and the heads of the assignee's and the client's teams; an
    /// unassigned one also by the client's team, whose juniors pick it up. Admins work any.
    /// </summary>
    public static bool MayWorkServiceRequest(this ICurrentActor actor, ServiceRequest request) => actor.WorksRequest(
        request.AssignedUserId is null ? null : Loaded(request.AssignedUser, "request's assignee"),
        Loaded(request.Client, "request's client"));

    public static void RequireMayWorkServiceRequest(this ICurrentActor actor, ServiceRequest request, string what)
    {
        if (!actor.MayWorkServiceRequest(request))
            throw Refuse(request.AssignedUserId is null
                ? $"Only the client's team or an administrator may {what} while it is unassigned."
                : $"Only the request's assignee, their RM Head, the client's RM Head or an administrator may {what}.",
                "id");
    }

    /// <summary>
    /// Raising a request: anyone who sees the client, for a request they may then work, so it is assigned as the
    /// Assign column allows or left unassigned only on their own team's client (for the team to pick up).
    /// </summary>
    public static void RequireMayRaiseServiceRequest(this ICurrentActor actor, Client client, User? assignee)
    {
        if (!actor.WorksRequest(assignee, client))
            throw Refuse("Only the client's team may leave a request unassigned: choose who works it (yourself, or your team).",
                "assignedUserId");
    }

    private static bool WorksRequest(this ICurrentActor actor, User? assignee, Client client)
    {
        if (actor.IsAdmin() || assignee is not null && actor.Owns(assignee.Id, assignee.TeamId)) return true;
        var clientTeam = TeamOf(client);
        return actor.UserId is not null && clientTeam is not null && clientTeam == actor.TeamId
            && (actor.IsHead() || assignee is null);
    }

    private static long? TeamOf(Client client) => Loaded(client.AssignedRm, "client's RM").TeamId;

    /// <summary>A rule reading a navigation nobody loaded would silently refuse (or allow): fail loudly instead.</summary>
    private static T Loaded<T>(T? navigation, string what) where T : class =>
        navigation ?? throw new InvalidOperationException($"Load the {what} with the record before asking AccessRules.");
}

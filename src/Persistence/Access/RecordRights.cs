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
    /// A service request is worked (moved, its details edited) by its assignee, the head of its desk, and, while it
    /// is unassigned, any executive of its desk (starting it picks it up). Admins work any. The client's RM and RM
    /// head see their clients' requests and raise them, but the desk works them.
    /// </summary>
    public static bool MayWorkServiceRequest(this ICurrentActor actor, ServiceRequest request) =>
        actor.IsAdmin() || request.AssignedUserId is { } assignee && assignee == actor.UserId
        || actor.OnDesk(request.DeskId) && (actor.IsHead() || request.AssignedUserId is null);

    public static void RequireMayWorkServiceRequest(this ICurrentActor actor, ServiceRequest request, string what)
    {
        if (!actor.MayWorkServiceRequest(request))
            throw Refuse(request.AssignedUserId is null
                ? $"Only the request's desk or an administrator may {what} while it is unassigned."
                : $"Only the request's assignee, the head of its desk or an administrator may {what}.", "id");
    }

    /// <summary>
    /// Whether the actor may give the request to anyone at all (the screens offer the assign form): admins, the head
    /// of its desk, and its desk's executives while nobody has it (to pick it up).
    /// </summary>
    public static bool MayAssignServiceRequest(this ICurrentActor actor, ServiceRequest request) =>
        actor.MayAssignOnDesk(request.DeskId, request.AssignedUserId, assignee: null);

    /// <summary>
    /// Giving a request to <paramref name="assignee"/>: admins and the head of its desk, to anyone of the desk; an
    /// executive of the desk only to themselves, and only while nobody has it. (The assignee must be of the desk:
    /// <see cref="ServiceRequest.Assign"/>.)
    /// </summary>
    public static bool MayAssignServiceRequest(this ICurrentActor actor, ServiceRequest request, User assignee) =>
        actor.MayAssignOnDesk(request.DeskId, request.AssignedUserId, assignee);

    public static void RequireMayAssignServiceRequest(this ICurrentActor actor, long deskId, long? currentAssignee,
        User assignee, string field = "userId")
    {
        if (!actor.MayAssignOnDesk(deskId, currentAssignee, assignee))
            throw Refuse(actor.OnDesk(deskId) && currentAssignee is null
                ? "You may pick up an unassigned request for yourself; your desk's head assigns it to others."
                : "Only the head of the request's desk or an administrator may assign it.", field);
    }

    private static bool MayAssignOnDesk(this ICurrentActor actor, long deskId, long? currentAssignee, User? assignee) =>
        actor.IsAdmin() || actor.OnDesk(deskId)
            && (actor.IsHead() || currentAssignee is null && (assignee is null || assignee.Id == actor.UserId));

    /// <summary>Reopening a completed or rejected request: the head of its desk and admins.</summary>
    public static bool MayReopenServiceRequest(this ICurrentActor actor, ServiceRequest request) =>
        request.MayReopen && (actor.IsAdmin() || actor.IsHead() && actor.OnDesk(request.DeskId));

    public static void RequireMayReopenServiceRequest(this ICurrentActor actor, ServiceRequest request)
    {
        if (!actor.IsAdmin() && !(actor.IsHead() && actor.OnDesk(request.DeskId)))
            throw Refuse("Only the head of the request's desk or an administrator may reopen it.", "id");
    }

    /// <summary>
    /// Raising a request (it goes to the desk its type is routed to): admins, the client's RM and the head of the RM's
    /// team — who all keep seeing it (row-level security checks a new row is in its writer's sight). Naming who works it
    /// at once is an assignment on that desk (<see cref="RequireMayAssignServiceRequest"/>).
    /// </summary>
    public static bool MayRaiseServiceRequest(this ICurrentActor actor, Client client) => actor.MayEditClient(client);

    public static void RequireMayRaiseServiceRequest(this ICurrentActor actor, Client client)
    {
        if (!actor.MayRaiseServiceRequest(client))
            throw Refuse("Only the client's RM, their RM Head or an administrator may raise a service request for this client.",
                "clientId");
    }

    /// <summary>Whether the actor is a member of the operations team whose queue this is.</summary>
    private static bool OnDesk(this ICurrentActor actor, long deskId) => actor.UserId is not null && actor.TeamId == deskId;

    private static long? TeamOf(Client client) => Loaded(client.AssignedRm, "client's RM").TeamId;

    /// <summary>A rule reading a navigation nobody loaded would silently refuse (or allow): fail loudly instead.</summary>
    private static T Loaded<T>(T? navigation, string what) where T : class =>
        navigation ?? throw new InvalidOperationException($"Load the {what} with the record before asking AccessRules.");
}

using JlnbCrm.Domain;
using JlnbCrm.Users;

namespace JlnbCrm.Access;

/// <summary>
/// Command-side checks of the permission matrix (docs/access.md). What a role may *see* is the query
/// filters in <see cref="Database.CrmDbContext"/> (and PostgreSQL row-level security); what it may *do*
/// is checked here, once, by the domain services both the API and the pages call.
/// </summary>
public static class AccessRules
{
    public const string NotAuthorized = "AUTH_NOT_AUTHORIZED";

    public static bool IsAdmin(this ICurrentActor actor) => actor.IsSystem || actor.UserId is not null && actor.Role == RoleLevel.Admin;

    public static bool IsHead(this ICurrentActor actor) => actor.UserId is not null && actor.Role == RoleLevel.Head;

    /// <summary>User, team and product management, and the audit log.</summary>
    public static void RequireAdmin(this ICurrentActor actor, string what)
    {
        if (!actor.IsAdmin()) throw Refuse($"Only an administrator may {what}.");
    }

    /// <summary>Handing work to someone: admins anywhere, heads within their team, juniors only to themselves.</summary>
    public static void RequireMayAssign(this ICurrentActor actor, User assignee, string field, bool selfAllowed)
    {
        if (actor.Reaches(assignee, selfAllowed)) return;
        throw Refuse(actor.IsHead() ? "You can assign only to members of your team." : "Only your RM Head can assign this to someone else.", field);
    }

    /// <summary>
    /// Work that makes someone responsible (a conversion creates a client for the conversion RM): that person,
    /// their head, or an admin — the rule PostgreSQL's row-level security applies to the rows it writes.
    /// </summary>
    public static void RequireMayActFor(this ICurrentActor actor, User owner, string what, string field)
    {
        if (actor.Reaches(owner, self: true)) return;
        throw Refuse($"Only {owner.Name}, their RM Head or an administrator may {what}.", field);
    }

    /// <summary>Whether the actor may hand work to others at all (reassign a client): admins and heads, not juniors.</summary>
    public static bool MayHandOverWork(this ICurrentActor actor) => actor.IsAdmin() || actor.IsHead();

    private static bool Reaches(this ICurrentActor actor, User user, bool self) =>
        actor.IsAdmin() || actor.IsHead() && user.TeamId == actor.TeamId || self && user.Id == actor.UserId;

    /// <summary>
    /// Working on a service request (editing it): an admin; its assignee; a head whose team holds the assignee or
    /// the client's RM; a junior on an unassigned request of their team's client (one they may pick up).
    /// Needs the request's assignee and its client's RM loaded.
    /// </summary>
    public static void RequireMayWorkOn(this ICurrentActor actor, ServiceRequests.ServiceRequest request)
    {
        var clientTeam = request.Client?.AssignedRm?.TeamId;
        var may = actor.IsAdmin()
            || request.AssignedUserId is { } assignee && assignee == actor.UserId
            || actor.IsHead() && actor.TeamId is { } team && (request.AssignedUser?.TeamId == team || clientTeam == team)
            || request.AssignedUserId is null && actor.TeamId is { } own && clientTeam == own;
        if (!may) throw Refuse("Only the request's assignee, their RM Head or an administrator may edit this request.");
    }

    /// <summary>Deleting records is for heads and admins; junior staff create and update.</summary>
    public static void RequireMayDelete(this ICurrentActor actor, string what)
    {
        if (!actor.IsAdmin() && !actor.IsHead()) throw Refuse($"Junior staff cannot {what}; ask your RM Head.");
    }

    /// <summary>
    /// Whether the actor sees a client's PAN and account id in clear: admins, the client's RM and that RM's
    /// head. Others who reach the client through their work (a service request, a query) see them masked.
    /// </summary>
    public static bool SeesClientInFull(this ICurrentActor actor, long assignedRmId, long? rmTeamId) =>
        actor.IsAdmin() || actor.UserId == assignedRmId || actor.IsHead() && rmTeamId is not null && rmTeamId == actor.TeamId;

    /// <summary>The client's PAN as this actor may see it (needs the client's RM loaded for a head's view).</summary>
    public static string PanAsSeenBy(this ICurrentActor actor, Clients.Client client) =>
        actor.SeesClientInFull(client.AssignedRmId, client.AssignedRm?.TeamId) ? client.Pan : Domain.Pan.Mask(client.Pan);

    private static RuleViolationException Refuse(string message, string? field = null) => new(NotAuthorized, message, field);
}

using JlnbCrm.Domain;
using JlnbCrm.Users;

namespace JlnbCrm.Access;

/// <summary>
/// Command-side checks of the permission matrix (docs/access.md). What a role may *see* is the query
/// filters in <see cref="Database.CrmDbContext"/> (and PostgreSQL row-level security); what it may *do*
/// is checked here, once, by the domain services both the API and the pages call.
/// </summary>
public static partial class AccessRules
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

    /// <summary>Whether the actor may make <paramref name="assignee"/> responsible for work (the bool beside <see cref="RequireMayAssign"/>).</summary>
    public static bool MayAssign(this ICurrentActor actor, User assignee, bool selfAllowed) => actor.Reaches(assignee, selfAllowed);

    private static bool Reaches(this ICurrentActor actor, User user, bool self) =>
        actor.IsAdmin() || actor.IsHead() && user.TeamId == actor.TeamId || self && user.Id == actor.UserId;

    /// <summary>
    /// Whether work whose responsible person is <paramref name="userId"/> (in team <paramref name="teamId"/>) is the
    /// actor's to change: admins', that person's own, or their head's. Never "the row was visible".
    /// </summary>
    private static bool Owns(this ICurrentActor actor, long userId, long? teamId) =>
        actor.IsAdmin() || actor.UserId is { } me && (me == userId || actor.IsHead() && teamId is not null && teamId == actor.TeamId);

    /// <summary>
    /// Whether the actor sees a client's PAN and account id in clear: admins, the client's RM and that RM's
    /// head. Others who reach the client through their work (a service request, a query) see them masked.
    /// </summary>
    public static bool SeesClientInFull(this ICurrentActor actor, long assignedRmId, long? rmTeamId) => actor.Owns(assignedRmId, rmTeamId);

    /// <summary>
    /// The same rule as <see cref="SeesClientInFull"/>, as a query expression, so filters, sorting and cursors can
    /// work on the values this actor sees (<see cref="Clients.Client.Protected"/>). Keep the two side by side.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Clients.Client, bool>> SeesClientInFullQuery(this ICurrentActor actor)
    {
        if (actor.IsAdmin()) return c => true;
        var me = actor.UserId;
        if (me is null) return c => false;
        var team = actor.TeamId;
        if (actor.IsHead() && team is not null) return c => c.AssignedRmId == me || c.AssignedRm!.TeamId == team;
        return c => c.AssignedRmId == me;
    }

    /// <summary>
    /// The clients whose calendar is the actor's (My day: reviews due, birthdays, anniversaries): a junior RM's own
    /// book; a head's team's book, the clients they answer for. Narrower than what the actor sees: a client reached
    /// through a request or query is someone else's to review, and an admin's or an operations desk's day holds only
    /// clients assigned to them by name (docs/access.md, My day).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Clients.Client, bool>> InCareOfQuery(this ICurrentActor actor)
    {
        var me = actor.UserId;
        if (me is null) return c => false;
        var team = actor.TeamId;
        if (actor.IsHead() && team is not null) return c => c.AssignedRmId == me || c.AssignedRm!.TeamId == team;
        return c => c.AssignedRmId == me;
    }

    /// <summary>The client's PAN as this actor may see it (needs the client's RM loaded for a head's view).</summary>
    public static string PanAsSeenBy(this ICurrentActor actor, Clients.Client client) =>
        Clients.Client.Protected.Pan.Shown(actor, client)!;

    /// <summary>The client's account id as this actor may see it (needs the client's RM loaded for a head's view).</summary>
    public static string? AccountIdAsSeenBy(this ICurrentActor actor, Clients.Client client) =>
        Clients.Client.Protected.AccountId.Shown(actor, client);

    private static RuleViolationException Refuse(string message, string? field = null) => new(NotAuthorized, message, field);
}

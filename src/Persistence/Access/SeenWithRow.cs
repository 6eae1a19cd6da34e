using JlnbCrm.ServiceRequests;

namespace JlnbCrm.Access;

/// <summary>
/// Required relations whose row is seen by everyone who sees the row pointing at it, by the visibility rules
/// themselves: a list may read such a relation as an inner join of its own statement (Graph's <c>ToOneJoins</c>),
/// which can never drop a row the caller sees nor show a related row the join's own row filter would hide.
/// </summary>
/// <remarks>
/// A service request's client: every arm of the request's row filter and policy (CrmDbContext.Visibility,
/// RowLevelSecurity) has its twin in the client's. The client's RM, or the head of its team, owns the client
/// (client_rm_id and client_team_id are the client's own, kept by ClientOwnership and checked by the policies); the
/// assignee, the assignee's team head, the desk's head and, for an unassigned request, the desk's executives each have
/// the client_reach row ClientReachMaintenance writes for that request in the same statement; admins see everything.
/// A relation is listed here only with such an argument; any other required relation to a filtered entity (an
/// interaction's client: its logger keeps the interaction after losing the client) stays with its batch loader.
/// </remarks>
public static class SeenWithRow
{
    private static readonly HashSet<(Type Entity, string Navigation)> Relations =
    [
        (typeof(ServiceRequest), nameof(ServiceRequest.Client)),
    ];

    public static bool Holds(Type entity, string navigation) => Relations.Contains((entity, navigation));
}

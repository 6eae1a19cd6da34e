using JlnbCrm.Access;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Desks;

/// <summary>
/// Which operations desk receives a service request: the route for its type, else the default desk. Admins set
/// team kinds, routes and the default desk here (the GraphQL admin mutations and /admin/desks call these).
/// </summary>
public sealed class DeskRouting(CrmDbContext db)
{
    /// <summary>The desk a new request of <paramref name="type"/> goes to; refused while the firm has no desk.</summary>
    public async Task<Team> DeskForAsync(ServiceRequestType type, CancellationToken ct = default)
    {
        var routed = await db.DeskRoutes.Where(r => r.Type == type).Select(r => r.Team).FirstOrDefaultAsync(ct);
        return routed ?? await db.Teams.FirstOrDefaultAsync(t => t.IsDefaultDesk, ct)
            ?? throw new RuleViolationException(ErrorCodes.NoDesk,
                "No operations desk receives service requests yet: an administrator must make a team an operations "
                + "desk (Admin → Desks) before requests can be raised.", "type");
    }

    public async Task<IReadOnlyList<DeskRoute>> RoutesAsync(CancellationToken ct = default) =>
        await db.DeskRoutes.Include(r => r.Team).OrderBy(r => r.Type).ToListAsync(ct);

    /// <summary>Sends requests of <paramref name="type"/> to <paramref name="teamId"/>'s desk (new requests only).</summary>
    public async Task<DeskRoute> SetRouteAsync(ServiceRequestType type, long teamId, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("route service requests to desks");
        var desk = await db.Teams.RequireAsync(teamId, "team", "teamId", ct);
        var route = await db.DeskRoutes.FirstOrDefaultAsync(r => r.Type == type, ct);
        if (route is null) db.DeskRoutes.Add(route = new DeskRoute(type, desk));
        else route.RouteTo(desk);
        await db.SaveChangesAsync(ct);
        return route;
    }

    /// <summary>Requests of <paramref name="type"/> go to the default desk again.</summary>
    public async Task RemoveRouteAsync(ServiceRequestType type, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("route service requests to desks");
        if (await db.DeskRoutes.FirstOrDefaultAsync(r => r.Type == type, ct) is { } route)
        {
            db.DeskRoutes.Remove(route);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Makes <paramref name="teamId"/> the desk for every type without a route (it replaces the previous one).</summary>
    public async Task<Team> SetDefaultDeskAsync(long teamId, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("route service requests to desks");
        var desk = await db.Teams.RequireAsync(teamId, "team", "teamId", ct);
        if (desk.IsDefaultDesk) return desk;
        // The unique index allows one default at a time and EF may order the two updates either way: clear the old
        // default in its own save first, in a transaction so a refused desk leaves the old default in place.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Teams.FirstOrDefaultAsync(t => t.IsDefaultDesk, ct) is { } previous)
        {
            previous.MarkDefaultDesk(false);
            await db.SaveChangesAsync(ct);
        }
        desk.MarkDefaultDesk(true); // refuses a relationship team
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return desk;
    }

    /// <summary>
    /// Makes a team a desk or an RM team. The first desk becomes the default desk, so the firm can raise requests at
    /// once. A desk that still receives work (a route, open requests, or the default while other desks exist) keeps
    /// its kind until that work is routed elsewhere.
    /// </summary>
    public async Task<Team> SetTeamKindAsync(long teamId, long version, TeamKind kind, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("manage staff and teams");
        var team = await db.Teams.LoadForEditAsync(teamId, version, "team", ct);
        if (team.Kind == kind) return team;
        if (kind == TeamKind.Relationship) await EnsureNoWorkAsync(team, ct);
        team.ChangeKind(kind);
        if (kind == TeamKind.Operations && !await db.Teams.AnyAsync(t => t.IsDefaultDesk, ct)) team.MarkDefaultDesk(true);
        if (kind == TeamKind.Relationship) team.MarkDefaultDesk(false);
        await db.SaveChangesAsync(ct);
        return team;
    }

    private async Task EnsureNoWorkAsync(Team desk, CancellationToken ct)
    {
        string? why = await db.DeskRoutes.AnyAsync(r => r.TeamId == desk.Id, ct) ? "request types are routed to it"
            : await db.ServiceRequests.IgnoreQueryFilters().AnyAsync(r => r.DeskId == desk.Id, ct) ? "service requests are on its desk"
            : desk.IsDefaultDesk && await db.Teams.AnyAsync(t => t.Kind == TeamKind.Operations && t.Id != desk.Id, ct)
                ? "it is the default desk: make another desk the default first"
            : null;
        if (why is not null)
            throw new RuleViolationException(ErrorCodes.InUse, $"{desk.Name} stays an operations team: {why}.", "kind");
    }
}

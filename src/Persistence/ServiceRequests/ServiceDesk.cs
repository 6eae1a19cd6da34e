using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Desks;
using JlnbCrm.ServiceLevels;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.ServiceRequests;

/// <summary>
/// Service requests: raise (routed to a desk), assign within the desk, move through Pending → In Progress →
/// Completed / Rejected, reopen. A later change of a Pending request's type goes through <see cref="DeskRouting"/>
/// again and <see cref="ServiceRequest.RouteTo"/> moves it to the new desk only while nobody has picked it up.
/// </summary>
public sealed class ServiceDesk(CrmDbContext db, ClientService clients, DeskRouting routing)
{
    public async Task<ServiceRequest> CreateAsync(long clientId, ServiceRequestType type, string details, long? assignedUserId,
        CancellationToken ct = default)
    {
        var client = await db.Clients.Include(c => c.AssignedRm).RequireAsync(clientId, "client", "clientId", ct);
        db.Actor.RequireMayRaiseServiceRequest(client);
        var desk = await routing.DeskForAsync(type, ct);
        var assignee = assignedUserId is { } userId ? await clients.ActiveUserAsync(userId, "assignedUserId", ct) : null;
        if (assignee is not null) db.Actor.RequireMayAssignServiceRequest(desk.Id, null, assignee, "assignedUserId");
        var request = new ServiceRequest(clientId, type, details, desk);
        if (assignee is not null) request.Assign(assignee, "assignedUserId");
        var now = db.UtcNow;
        request.StartClock(now, (await SlaTargets.LoadAsync(db, ct)).DueAt(type, now));
        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>
    /// Edits the request's details (and its type while Pending); for those who may act on it. A null keeps the
    /// current value (an API patch sends only what changes).
    /// </summary>
    public async Task<ServiceRequest> UpdateAsync(long id, long version, ServiceRequestType? type, string? details,
        CancellationToken ct = default)
    {
        var request = await LoadAsync(id, version, ct);
        db.Actor.RequireMayWorkServiceRequest(request, "edit it");
        var retyped = type is { } next && next != request.Type;
        request.Revise(type ?? request.Type, details ?? request.Details);
        if (retyped)
        {
            // A new type may belong to another desk (only while nobody has it), and its clock runs from when it was
            // raised, at the new type's target.
            request.RouteTo(await routing.DeskForAsync(request.Type, ct));
            request.StartClock(request.CreatedAt, (await SlaTargets.LoadAsync(db, ct)).DueAt(request.Type, request.CreatedAt));
        }
        await db.SaveChangesAsync(ct);
        return request;
    }

    public async Task<ServiceRequest> AssignAsync(long id, long version, long userId, CancellationToken ct = default)
    {
        var request = await LoadAsync(id, version, ct);
        var user = await clients.ActiveUserAsync(userId, "userId", ct);
        db.Actor.RequireMayAssignServiceRequest(request.DeskId, request.AssignedUserId, user);
        request.Assign(user);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>Start, complete or reject (Pending or In Progress, with a reason).</summary>
    public async Task<ServiceRequest> MoveAsync(long id, long version, ServiceRequestStatus status, string? reason, CancellationToken ct = default)
    {
        var request = await LoadAsync(id, version, ct);
        db.Actor.RequireMayWorkServiceRequest(request, "move it");
        // Starting an unassigned request picks it up: the one who starts it must be of its desk.
        if (status == ServiceRequestStatus.InProgress && request.AssignedUserId is null && db.Actor.UserId is { } me)
            request.Assign(await clients.ActiveUserAsync(me, "userId", ct));
        request.MoveTo(status, db.Actor.UserId, reason, db.UtcNow);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>Takes a completed or rejected request back to Pending (its desk's head, admins), with a reason.</summary>
    public async Task<ServiceRequest> ReopenAsync(long id, long version, string reason, CancellationToken ct = default)
    {
        var request = await LoadAsync(id, version, ct);
        db.Actor.RequireMayReopenServiceRequest(request);
        request.Reopen(reason);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>A request to change; each command then asks whether the actor may (seeing it is not enough).</summary>
    private Task<ServiceRequest> LoadAsync(long id, long version, CancellationToken ct) =>
        db.ServiceRequests.Include(r => r.AssignedUser).Include(r => r.Desk).Include(r => r.Client)
            .ThenInclude(c => c!.AssignedRm).LoadForEditAsync(id, version, "service request", ct);
}

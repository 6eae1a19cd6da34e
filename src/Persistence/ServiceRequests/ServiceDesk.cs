using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.ServiceLevels;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.ServiceRequests;

/// <summary>Service requests: raise, assign, move through Pending → In Progress → Completed / Rejected.</summary>
public sealed class ServiceDesk(CrmDbContext db, ClientService clients)
{
    public async Task<ServiceRequest> CreateAsync(long clientId, ServiceRequestType type, string details, long? assignedUserId,
        CancellationToken ct = default)
    {
        var client = await db.Clients.Include(c => c.AssignedRm).RequireAsync(clientId, "client", "clientId", ct);
        var assignee = assignedUserId is { } userId ? await clients.AssignableUserAsync(userId, "assignedUserId", ct) : null;
        db.Actor.RequireMayRaiseServiceRequest(client, assignee);
        var request = new ServiceRequest(clientId, type, details, assignedUserId);
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
        var request = await LoadWorkableAsync(id, version, "edit it", ct);
        var retyped = type is { } next && next != request.Type;
        request.Revise(type ?? request.Type, details ?? request.Details);
        if (retyped) // the clock runs from when it was raised, at the new type's target
            request.StartClock(request.CreatedAt, (await SlaTargets.LoadAsync(db, ct)).DueAt(request.Type, request.CreatedAt));
        await db.SaveChangesAsync(ct);
        return request;
    }

    public async Task<ServiceRequest> AssignAsync(long id, long version, long userId, CancellationToken ct = default)
    {
        var request = await LoadWorkableAsync(id, version, "assign it", ct);
        var user = await clients.ActiveUserAsync(userId, "userId", ct);
        db.Actor.RequireMayAssign(user, "userId", selfAllowed: true); // a junior may pick a request up
        request.Assign(user);
        await db.SaveChangesAsync(ct);
        return request;
    }

    public async Task<ServiceRequest> MoveAsync(long id, long version, ServiceRequestStatus status, string? reason, CancellationToken ct = default)
    {
        var request = await LoadWorkableAsync(id, version, "move it", ct);
        request.MoveTo(status, db.Actor.UserId, reason, db.UtcNow);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>A request to change, once the actor is known to work it (seeing it is not enough).</summary>
    private async Task<ServiceRequest> LoadWorkableAsync(long id, long version, string what, CancellationToken ct)
    {
        var request = await db.ServiceRequests.Include(r => r.AssignedUser).Include(r => r.Client).ThenInclude(c => c!.AssignedRm)
            .LoadForEditAsync(id, version, "service request", ct);
        db.Actor.RequireMayWorkServiceRequest(request, what);
        return request;
    }
}

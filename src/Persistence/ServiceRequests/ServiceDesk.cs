using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.ServiceRequests;

/// <summary>Service requests: raise, assign, move through Pending → In Progress → Completed / Rejected.</summary>
public sealed class ServiceDesk(CrmDbContext db, ClientService clients)
{
    public async Task<ServiceRequest> CreateAsync(long clientId, ServiceRequestType type, string details, long? assignedUserId,
        CancellationToken ct = default)
    {
        await db.Clients.RequireAsync(clientId, "client", "clientId", ct);
        if (assignedUserId is { } userId) await clients.AssignableUserAsync(userId, "assignedUserId", ct);
        var request = new ServiceRequest(clientId, type, details, assignedUserId);
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
        var request = await db.ServiceRequests.Include(r => r.AssignedUser).Include(r => r.Client!.AssignedRm)
            .LoadForEditAsync(id, version, "service request", ct);
        db.Actor.RequireMayWorkOn(request);
        request.Revise(type ?? request.Type, details ?? request.Details);
        await db.SaveChangesAsync(ct);
        return request;
    }

    public async Task<ServiceRequest> AssignAsync(long id, long version, long userId, CancellationToken ct = default)
    {
        var user = await clients.ActiveUserAsync(userId, "userId", ct);
        db.Actor.RequireMayAssign(user, "userId", selfAllowed: true); // a junior may pick a request up
        var request = await db.ServiceRequests.LoadForEditAsync(id, version, "service request", ct);
        request.Assign(user);
        await db.SaveChangesAsync(ct);
        return request;
    }

    public async Task<ServiceRequest> MoveAsync(long id, long version, ServiceRequestStatus status, string? reason, CancellationToken ct = default)
    {
        var request = await db.ServiceRequests.LoadForEditAsync(id, version, "service request", ct);
        request.MoveTo(status, db.Actor.UserId, reason, db.UtcNow);
        await db.SaveChangesAsync(ct);
        return request;
    }
}

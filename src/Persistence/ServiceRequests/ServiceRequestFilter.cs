namespace JlnbCrm.ServiceRequests;

/// <summary>The service-request queue's filters; age is "opened at least this many days ago".</summary>
public sealed record ServiceRequestFilter(
    ServiceRequestStatus? Status = null, ServiceRequestType? Type = null, long? AssignedUserId = null,
    bool Unassigned = false, int? MinAgeDays = null, long? ClientId = null, long? DeskId = null)
{
    public IQueryable<ServiceRequest> Apply(IQueryable<ServiceRequest> requests, DateTime utcNow)
    {
        if (Status is { } status) requests = requests.Where(r => r.Status == status);
        if (Type is { } type) requests = requests.Where(r => r.Type == type);
        if (AssignedUserId is { } user) requests = requests.Where(r => r.AssignedUserId == user);
        if (Unassigned) requests = requests.Where(r => r.AssignedUserId == null);
        if (Domain.MinimumAge.CreatedAtOrBefore(MinAgeDays, utcNow) is { } before) requests = requests.Where(r => r.CreatedAt <= before);
        if (ClientId is { } client) requests = requests.Where(r => r.ClientId == client);
        if (DeskId is { } desk) requests = requests.Where(r => r.DeskId == desk);
        return requests;
    }
}

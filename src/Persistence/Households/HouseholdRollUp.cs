using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Interactions;
using JlnbCrm.ServiceRequests;

namespace JlnbCrm.Households;

/// <summary>
/// A household's members, holdings, interactions, open queries and open service requests, for the household page
/// and the <c>Household</c> type. Each set is read through its own row filter, and members are the household's
/// clients the viewer sees: with members under different RMs, the roll-up is only what the viewer may see anyway.
/// </summary>
public sealed class HouseholdRollUp(CrmDbContext db)
{
    public IQueryable<Client> Members(long householdId) =>
        db.Clients.Where(c => c.HouseholdId == householdId);

    public IQueryable<ClientProduct> Holdings(long householdId) =>
        db.ClientProducts.Where(p => Members(householdId).Any(c => c.Id == p.ClientId));

    public IQueryable<Interaction> Interactions(long householdId) =>
        db.Interactions.Where(i => Members(householdId).Any(c => c.Id == i.ClientId))
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id);

    public IQueryable<ClientQuery> OpenQueries(long householdId) =>
        db.ClientQueries.Where(q => Members(householdId).Any(c => c.Id == q.ClientId)
                && (q.Status == ClientQueryStatus.Open || q.Status == ClientQueryStatus.InProgress))
            .OrderBy(q => q.CreatedAt).ThenBy(q => q.Id);

    public IQueryable<ServiceRequest> OpenServiceRequests(long householdId) =>
        db.ServiceRequests.Where(r => Members(householdId).Any(c => c.Id == r.ClientId)
                && (r.Status == ServiceRequestStatus.Pending || r.Status == ServiceRequestStatus.InProgress))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id);
}

using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Interactions;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Households;

/// <summary>
/// Households' members, holdings, interactions, open queries and open service requests, for the household page and
/// the <c>Household</c> type (several households in one query each, so a list of households costs no more). Every
/// set is read through its own row filter, joined to the household's clients the viewer sees: with members under
/// different RMs, the roll-up is only what the viewer may see anyway.
/// </summary>
public sealed class HouseholdRollUp(CrmDbContext db)
{
    private IQueryable<Client> MembersOf(IReadOnlyCollection<long> households) =>
        db.Clients.Where(c => c.HouseholdId != null && households.Contains(c.HouseholdId.Value));

    /// <summary>With each member's RM (who may edit a member is decided by its RM and the RM's team).</summary>
    public async Task<ILookup<long, Client>> MembersAsync(IReadOnlyCollection<long> households, CancellationToken ct) =>
        (await MembersOf(households).Include(c => c.AssignedRm).OrderBy(c => c.Name).ThenBy(c => c.Id).AsNoTracking().ToListAsync(ct))
        .ToLookup(c => c.HouseholdId!.Value);

    public async Task<ILookup<long, ClientProduct>> HoldingsAsync(IReadOnlyCollection<long> households, CancellationToken ct) =>
        (await (from p in db.ClientProducts
                join c in MembersOf(households) on p.ClientId equals c.Id
                orderby c.Name, p.ClientId, p.SubscribedOn, p.Id
                select new { c.HouseholdId, Row = p }).AsNoTracking().ToListAsync(ct))
        .ToLookup(r => r.HouseholdId!.Value, r => r.Row);

    /// <summary>Newest first; a household's interactions are its few members' (the caller takes the latest N).</summary>
    public async Task<ILookup<long, Interaction>> InteractionsAsync(IReadOnlyCollection<long> households, CancellationToken ct) =>
        (await (from i in db.Interactions
                join c in MembersOf(households) on i.ClientId equals c.Id
                orderby i.OccurredAt descending, i.Id descending
                select new { c.HouseholdId, Row = i }).AsNoTracking().ToListAsync(ct))
        .ToLookup(r => r.HouseholdId!.Value, r => r.Row);

    public async Task<ILookup<long, ClientQuery>> OpenQueriesAsync(IReadOnlyCollection<long> households, CancellationToken ct) =>
        (await (from q in db.ClientQueries
                join c in MembersOf(households) on q.ClientId equals c.Id
                where q.Status == ClientQueryStatus.Open || q.Status == ClientQueryStatus.InProgress
                orderby q.DueAt, q.Id
                select new { c.HouseholdId, Row = q }).AsNoTracking().ToListAsync(ct))
        .ToLookup(r => r.HouseholdId!.Value, r => r.Row);

    public async Task<ILookup<long, ServiceRequest>> OpenServiceRequestsAsync(IReadOnlyCollection<long> households,
        CancellationToken ct) =>
        (await (from r in db.ServiceRequests
                join c in MembersOf(households) on r.ClientId equals c.Id
                where r.Status == ServiceRequestStatus.Pending || r.Status == ServiceRequestStatus.InProgress
                orderby r.DueAt, r.Id
                select new { c.HouseholdId, Row = r }).AsNoTracking().ToListAsync(ct))
        .ToLookup(r => r.HouseholdId!.Value, r => r.Row);
}

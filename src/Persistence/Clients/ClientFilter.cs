using JlnbCrm.Database;
using JlnbCrm.Domain;

namespace JlnbCrm.Clients;

/// <summary>The clients screen's search box and filters (and its CSV export).</summary>
public sealed record ClientFilter(string? Search = null, long? RmId = null, long? ProductId = null, long? HouseholdId = null,
    Kyc.KycStatus? KycStatus = null)
{
    public IQueryable<Client> Apply(IQueryable<Client> clients, CrmDbContext db, ICurrentActor actor)
    {
        clients = clients.Search(Search, db, actor);
        if (RmId is { } rm) clients = clients.Where(c => c.AssignedRmId == rm);
        if (ProductId is { } product) clients = clients.Where(c => c.Products.Any(p => p.ProductId == product));
        if (HouseholdId is { } household) clients = clients.Where(c => c.HouseholdId == household);
        if (KycStatus is { } kyc) clients = clients.Where(c => c.KycStatus == kyc);
        return clients;
    }
}

using JlnbCrm.Database;
using JlnbCrm.Kyc;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Seeding;

/// <summary>
/// Demo KYC states: clients with an open KYC Update request are On Hold or Rejected at the KRA (the request is the
/// one that status raises, so no second one is added); most others were checked (Validated or Registered) by their RM,
/// some never. It draws from its own random sequence, after everything else, so the rest of the demo firm (and every
/// seeded request) is unchanged.
/// </summary>
internal sealed class DemoKyc(CrmDbContext db, DateTime anchorUtc, int seed)
{
    private const int ClientsConsidered = 3_000;

    private static readonly KycStatus[] Settled =
        [KycStatus.NotChecked, KycStatus.Validated, KycStatus.Validated, KycStatus.Validated, KycStatus.Registered];

    public async Task SeedAsync(CancellationToken ct)
    {
        var random = new Random(seed + 16);
        var today = DateOnly.FromDateTime(anchorUtc);
        var awaitingUpdate = (await db.ServiceRequests.IgnoreQueryFilters()
            .Where(r => r.Type == ServiceRequestType.KycUpdate
                && (r.Status == ServiceRequestStatus.Pending || r.Status == ServiceRequestStatus.InProgress))
            .Select(r => r.ClientId).ToListAsync(ct)).ToHashSet();
        var clients = await db.Clients.OrderBy(c => c.Id).Take(ClientsConsidered).ToListAsync(ct);
        foreach (var client in clients)
        {
            var status = awaitingUpdate.Contains(client.Id)
                ? (random.Next(3) == 0 ? KycStatus.Rejected : KycStatus.OnHold)
                : Settled[random.Next(Settled.Length)];
            if (status == KycStatus.NotChecked) continue;
            client.RecordKyc(status, today.AddDays(-random.Next(0, 400)), client.AssignedRmId, today);
        }
        await db.SaveChangesAsync(ct);
    }
}

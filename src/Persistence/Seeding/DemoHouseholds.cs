using JlnbCrm.Database;
using JlnbCrm.Households;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Seeding;

/// <summary>
/// Demo families: every tenth of the first clients heads a household named after their surname, joined by the next
/// one or two clients (often under another RM, so households split between RMs and teams show up). It draws from its
/// own random sequence, after everything else is seeded, so the rest of the demo firm is unchanged.
/// </summary>
internal sealed class DemoHouseholds(CrmDbContext db, int seed)
{
    private const int ClientsConsidered = 3_000, Stride = 10;

    public async Task SeedAsync(CancellationToken ct)
    {
        var random = new Random(seed);
        var clients = await db.Clients.OrderBy(c => c.Id).Take(ClientsConsidered).ToListAsync(ct);
        for (var i = 0; i + 2 < clients.Count; i += Stride)
        {
            var head = clients[i];
            var household = new Household($"{head.Name.Split(' ').Last()} Family", head);
            db.Households.Add(household);
            foreach (var member in clients.Skip(i + 1).Take(random.Next(1, 3))) household.Admit(member);
        }
        await db.SaveChangesAsync(ct);
    }
}

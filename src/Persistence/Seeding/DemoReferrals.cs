using JlnbCrm.Clients;
using JlnbCrm.Leads;

namespace JlnbCrm.Seeding;

/// <summary>
/// Who gave the demo references, so the referrer ledger and the dashboard's leaderboard have real rows: one client in
/// twenty becomes a referring client (an early one gives more than a late one), and a handful of introducers outside
/// the book (a chartered accountant, a doctor, a club) give references by name. A referrer is credited only with
/// references created after the client joined. Converted, New and Denied references get a referrer from here; WIP
/// ones keep theirs, so the demo pipeline the snapshots show is unchanged. It draws from its own random sequence, so
/// every other demo row is the same draw as before.
/// </summary>
internal sealed class DemoReferrals(int seed)
{
    private const int OneClientIn = 20;
    private readonly Random _random = new(seed + 1616);
    private readonly List<(long Id, DateTime Since)> _clients = [];

    private static readonly string[] Introducers =
    [
        "CA Ramesh Iyer & Associates", "Dr. Sunita Rao (family physician)", "Rotary Club of Bandra",
        "Kapoor & Sons Jewellers", "Prakash Shah (insurance adviser)", "Alumni network, IIM Bangalore",
    ];

    /// <summary>How long a prospect took to say no, in days.</summary>
    public int DaysToDecide() => _random.Next(2, 45);

    /// <summary>Every seeded client passes here once, in order; some become referrers.</summary>
    public void Consider(Client client)
    {
        if (client.Id % OneClientIn == 0) _clients.Add((client.Id, client.CreatedAt));
    }

    /// <summary>The reference's details with a referrer from the pool (or as they were, for one reference in three).</summary>
    public LeadDetails Credit(LeadDetails details, DateTime createdAt)
    {
        var draw = _random.NextDouble();
        if (draw < 0.45)
        {
            var eligible = _clients.Where(c => c.Since < createdAt).ToList();
            if (eligible.Count == 0) return details;
            // Squared draw: the first referring clients give most, as a few loyal clients do in a real book.
            var pick = eligible[(int)(eligible.Count * Math.Pow(_random.NextDouble(), 2))];
            return details with { RefGivenByClientId = pick.Id, RefGivenBy = null };
        }
        if (draw < 0.7)
            return details with { RefGivenBy = Introducers[(int)(Introducers.Length * Math.Pow(_random.NextDouble(), 1.5))] };
        return details;
    }
}

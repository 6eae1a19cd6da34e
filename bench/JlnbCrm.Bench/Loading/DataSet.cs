namespace JlnbCrm.Bench.Loading;

/// <summary>
/// The size of the firm to load, scaled from the client count (the 1M set: 3M interactions, 200k
/// references, 400k service requests, 150k queries, 50 teams, 600 users).
/// </summary>
public sealed record DataSet(int Clients, int Interactions, int Leads, int ServiceRequests, int Queries, int Teams, int Users, int Products)
{
    public static DataSet For(int clients)
    {
        var scale = clients / 1_000_000d;
        int Scaled(int atMillion, int minimum) => Math.Max(minimum, (int)(atMillion * scale));
        return new(clients, Scaled(3_000_000, 10), Scaled(200_000, 10), Scaled(400_000, 10), Scaled(150_000, 10),
            Teams: Scaled(50, 2), Users: Scaled(600, 24), Products: 12);
    }

    /// <summary>Per team: one head; the rest of the staff (after 10 admins) are juniors spread over the teams.</summary>
    public int Admins => 10;

    /// <summary>Executives per operations desk (besides its head): 10 at 1M, never fewer than 2.</summary>
    public int DeskExecutives => Math.Max(2, Teams / 5);
}

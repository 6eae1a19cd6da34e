namespace JlnbCrm.Seeding;

/// <summary>How much demo data to generate; the other tables scale with the client count.</summary>
public sealed record DemoScale(int Clients)
{
    public static readonly DemoScale Default = new(2000);

    public int Leads => Clients / 5 + 100;
    public int InteractionsPerClient => 3;
    public int Queries => Clients / 7;
    public int ServiceRequests => Clients / 5;
}

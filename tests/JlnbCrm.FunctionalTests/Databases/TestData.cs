using JlnbCrm.Clients;
using JlnbCrm.Seeding;

namespace JlnbCrm.FunctionalTests.Databases;

/// <summary>Fresh values for rows tests create, never clashing with the demo data or each other.</summary>
public static class TestData
{
    private static int _next = Random.Shared.Next(1_000_000, 9_000_000);

    public static string NewPan() => DemoSeeder.DemoPan(Interlocked.Increment(ref _next), "Test");

    public static ClientDetails NewClient(string name = "Test Client") =>
        new(name, NewPan(), Mobile: "+91 9876543210", Email: "test.client@example.in");
}

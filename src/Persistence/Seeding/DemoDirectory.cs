using JlnbCrm.Products;
using JlnbCrm.Users;

namespace JlnbCrm.Seeding;

/// <summary>
/// The fixed people, teams and products of the demo firm. Every demo account signs in with
/// <see cref="Password"/> (documented in the README); change it on any real deployment.
/// </summary>
public static class DemoDirectory
{
    public const string Password = "Jlnb@2026";

    public static readonly string[] Teams = ["Mumbai Wealth", "Delhi Private Clients", "Bengaluru Advisory"];

    /// <summary>(name, email, role, team index or null).</summary>
    public static readonly (string Name, string Email, RoleLevel Role, int? Team)[] People =
    [
        ("Ananya Iyer", "admin@jlnb.in", RoleLevel.Admin, null),
        ("Rohan Mehta", "rohan.mehta@jlnb.in", RoleLevel.Head, 0),
        ("Kavita Sharma", "kavita.sharma@jlnb.in", RoleLevel.Head, 1),
        ("Arjun Rao", "arjun.rao@jlnb.in", RoleLevel.Head, 2),
        ("Priya Nair", "priya.nair@jlnb.in", RoleLevel.Executive, 0),
        ("Vikram Singh", "vikram.singh@jlnb.in", RoleLevel.Executive, 0),
        ("Sneha Kulkarni", "sneha.kulkarni@jlnb.in", RoleLevel.Executive, 0),
        ("Amit Verma", "amit.verma@jlnb.in", RoleLevel.Executive, 1),
        ("Neha Gupta", "neha.gupta@jlnb.in", RoleLevel.Executive, 1),
        ("Rahul Joshi", "rahul.joshi@jlnb.in", RoleLevel.Executive, 1),
        ("Divya Reddy", "divya.reddy@jlnb.in", RoleLevel.Executive, 2),
        ("Karthik Menon", "karthik.menon@jlnb.in", RoleLevel.Executive, 2),
    ];

    public static readonly (string Name, ProductCategory Category)[] Products =
    [
        ("JLNB Bluechip Equity Fund", ProductCategory.MutualFund),
        ("JLNB Liquid Fund", ProductCategory.MutualFund),
        ("JLNB ELSS Tax Saver", ProductCategory.MutualFund),
        ("Focused Growth PMS", ProductCategory.Pms),
        ("India Opportunities AIF", ProductCategory.Aif),
        ("Term Life Cover", ProductCategory.Insurance),
        ("Family Health Shield", ProductCategory.Insurance),
        ("RBI Floating Rate Bonds", ProductCategory.Bonds),
        ("Corporate FD 7.6%", ProductCategory.FixedDeposit),
        ("Direct Equity Advisory", ProductCategory.Equity),
    ];

    /// <summary>The demo firm's fixed-date holidays over the seeded years (admins add the festival dates each year).</summary>
    public static readonly (DateOnly Date, string Name)[] Holidays =
        Enumerable.Range(2025, 3).SelectMany(year => new (DateOnly, string)[]
        {
            (new(year, 1, 26), "Republic Day"), (new(year, 5, 1), "Maharashtra Day"), (new(year, 8, 15), "Independence Day"),
            (new(year, 10, 2), "Gandhi Jayanti"), (new(year, 12, 25), "Christmas"),
        }).ToArray();
}

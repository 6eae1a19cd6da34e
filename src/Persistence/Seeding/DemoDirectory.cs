using JlnbCrm.Products;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;

namespace JlnbCrm.Seeding;

/// <summary>
/// The fixed people, teams and products of the demo firm. Every demo account signs in with
/// <see cref="Password"/> (documented in the README); change it on any real deployment.
/// </summary>
public static class DemoDirectory
{
    public const string Password = "Jlnb@2026";

    /// <summary>The RM teams first, then the operations desks (ops staff come last in <see cref="People"/>).</summary>
    public static readonly (string Name, TeamKind Kind)[] Teams =
    [
        ("Mumbai Wealth", TeamKind.Relationship), ("Delhi Private Clients", TeamKind.Relationship),
        ("Bengaluru Advisory", TeamKind.Relationship),
        ("Operations — KYC & Onboarding", TeamKind.Operations), ("Operations — Transactions", TeamKind.Operations),
    ];

    /// <summary>Which desk (team index) each request type goes to; the KYC desk is also the default desk.</summary>
    public static readonly (ServiceRequestType Type, int Desk)[] Routes =
    [
        (ServiceRequestType.AccountOpening, 3), (ServiceRequestType.ContactUpdate, 3), (ServiceRequestType.AddressChange, 3),
        (ServiceRequestType.NomineeUpdate, 3), (ServiceRequestType.KycUpdate, 3), (ServiceRequestType.BankMandate, 4),
        (ServiceRequestType.Redemption, 4), (ServiceRequestType.Switch, 4), (ServiceRequestType.Other, 4),
        // Data-principal requests go to the desk that already keeps the client's identity and contact records.
        (ServiceRequestType.DataAccess, 3), (ServiceRequestType.DataCorrection, 3), (ServiceRequestType.DataErasure, 3),
    ];

    public const int DefaultDesk = 3;

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
        ("Meera Pillai", "meera.pillai@jlnb.in", RoleLevel.Head, 3),
        ("Farhan Qureshi", "farhan.qureshi@jlnb.in", RoleLevel.Executive, 3),
        ("Lakshmi Iyer", "lakshmi.iyer@jlnb.in", RoleLevel.Executive, 3),
        ("Sanjay Patil", "sanjay.patil@jlnb.in", RoleLevel.Head, 4),
        ("Pooja Desai", "pooja.desai@jlnb.in", RoleLevel.Executive, 4),
        ("Imran Khan", "imran.khan@jlnb.in", RoleLevel.Executive, 4),
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

namespace JlnbCrm.Bench.Loading;

/// <summary>Word lists the generated firm is made of.</summary>
public static class Names
{
    public static readonly string[] First =
    [
        "Aarav", "Vivaan", "Aditya", "Vihaan", "Arjun", "Sai", "Reyansh", "Ayaan", "Krishna", "Ishaan", "Shaurya", "Atharv",
        "Ananya", "Diya", "Aadhya", "Saanvi", "Pari", "Anika", "Navya", "Myra", "Sara", "Kiara", "Riya", "Meera", "Kavya",
        "Rohan", "Rahul", "Priya", "Neha", "Pooja", "Suresh", "Ramesh", "Lakshmi", "Gopal", "Farhan", "Zoya", "Harpreet", "Gurleen",
    ];

    public static readonly string[] Last =
    [
        "Sharma", "Verma", "Iyer", "Nair", "Menon", "Reddy", "Rao", "Patel", "Shah", "Mehta", "Gupta", "Agarwal", "Joshi", "Kulkarni",
        "Deshpande", "Chatterjee", "Banerjee", "Mukherjee", "Das", "Singh", "Kaur", "Khan", "Qureshi", "Pillai", "Kapoor", "Malhotra",
        "Bhatt", "Trivedi", "Pandey", "Mishra", "Chauhan", "Naidu", "Hegde", "Shetty", "Kamath", "Fernandes", "D'Souza",
    ];

    public static readonly string[] Cities = ["Mumbai", "Delhi", "Bengaluru", "Chennai", "Hyderabad", "Pune", "Kolkata", "Ahmedabad", "Jaipur", "Kochi"];

    public static readonly string[] ProductWords = ["Bluechip", "Liquid", "Tax Saver", "Growth PMS", "Opportunities AIF", "Term Cover", "Health Shield", "Floating Bonds", "Corporate FD", "Equity Advisory", "Midcap", "Gilt"];

    public static readonly string[] Details =
    [
        "Quarterly portfolio review; rebalanced towards debt", "Discussed SIP top-up", "Explained exit load on redemption",
        "Shared the capital gains statement", "Walked through the new PMS factsheet", "Client asked about nominee update",
    ];
}

/// <summary>Valid, unique PANs from ids: a bijective shuffle of the id, written as five letters, four digits and a letter.</summary>
public static class Pans
{
    private const long Space = 26L * 26 * 26 * 26 * 26 * 10_000; // 118,813,760,000
    private const long Multiplier = 7_919_000_003; // odd and not a multiple of 5 or 13: invertible modulo Space

    public static string For(long id)
    {
        var n = (long)((System.Numerics.BigInteger)id * Multiplier % Space);
        var digits = n % 10_000;
        var letters = n / 10_000;
        Span<char> pan = stackalloc char[10];
        for (var i = 4; i >= 0; i--) { pan[i] = (char)('A' + letters % 26); letters /= 26; }
        digits.TryFormat(pan[5..9], out _, "D4");
        pan[9] = (char)('A' + id % 26);
        return new string(pan);
    }
}

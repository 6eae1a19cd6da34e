using Microsoft.AspNetCore.Identity;

namespace JlnbCrm.Users;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher over the CRM's own users table.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>
    /// Every verification is counted (meter <c>JlnbCrm.SignIn</c>): sign-in checks a hash for unknown emails too, so
    /// an unknown and a real account cost the same, and this counter is how that is observed without timing it.
    /// </summary>
    public const string MeterName = "JlnbCrm.SignIn", ChecksCounter = "crm.sign_in.password_checks";

    private static readonly System.Diagnostics.Metrics.Counter<long> Checks =
        new System.Diagnostics.Metrics.Meter(MeterName).CreateCounter<long>(ChecksCounter);

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(User user, string password)
    {
        Checks.Add(1);
        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
    }
}

using Microsoft.AspNetCore.Identity;

namespace JlnbCrm.Users;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher over the CRM's own users table.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<User> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(User user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}

using System.Security.Claims;
using JlnbCrm.Users;
namespace JlnbCrm.AdminPages.Account;

/// <summary>
/// The claims a CRM sign-in carries, the same in the site's cookie and in access tokens: the user id
/// (<c>sub</c>) and the security stamp, which changes on deactivation, role or password change — so
/// either credential stops working at once.
/// </summary>
public static class CrmPrincipal
{
    /// <summary>OpenID Connect claim names (the token and the cookie use the same ones).</summary>
    private static class Claims
    {
        public const string Subject = "sub", Name = "name", Email = "email", Role = "role";
    }

    public const string StampClaim = "stamp";

    public static ClaimsIdentity For(User user, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Id.ToString()));
        identity.AddClaim(new Claim(Claims.Name, user.Name));
        identity.AddClaim(new Claim(Claims.Email, user.Email));
        identity.AddClaim(new Claim(Claims.Role, ((int)user.RoleId).ToString()));
        identity.AddClaim(new Claim(StampClaim, user.SecurityStamp));
        return identity;
    }

    private static (long UserId, string? Stamp)? Read(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(Claims.Subject)?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id)
            ? (id, principal.FindFirst(StampClaim)?.Value)
            : null;

    /// <summary>The active CRM user a cookie or token names, if its security stamp is still current; otherwise null.</summary>
    public static async Task<User?> CurrentUserAsync(this SignIn signIn, ClaimsPrincipal? principal, CancellationToken ct) =>
        principal is not null && Read(principal) is { } claims ? await signIn.CurrentAsync(claims.UserId, claims.Stamp, ct) : null;
}

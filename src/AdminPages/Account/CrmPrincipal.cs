using System.Security.Claims;
using Microsoft.AspNetCore.Http;
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

    /// <summary>The user's team id ("" for none): with the role, what the actor needs before the user row is read.</summary>
    public const string TeamClaim = "team";

    public static ClaimsIdentity For(User user, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Id.ToString()));
        identity.AddClaim(new Claim(Claims.Name, user.Name));
        identity.AddClaim(new Claim(Claims.Email, user.Email));
        identity.AddClaim(new Claim(Claims.Role, ((int)user.RoleId).ToString()));
        identity.AddClaim(new Claim(StampClaim, user.SecurityStamp));
        identity.AddClaim(new Claim(TeamClaim, user.TeamId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        return identity;
    }

    /// <summary>
    /// Requests whose credential is checked with their first statement (<see cref="CredentialCheck"/>): GraphQL over
    /// HTTP, whose endpoint answers 401 when the check fails. Pages and subscriptions check it first, on its own.
    /// </summary>
    public static bool ChecksWithFirstStatement(HttpRequest request) =>
        request.Path == "/graphql" && !request.HttpContext.WebSockets.IsWebSocketRequest
        && (HttpMethods.IsPost(request.Method) || HttpMethods.IsGet(request.Method));

    /// <summary>
    /// The actor a credential names, from its claims alone: trusted only together with a check of the same request
    /// (the stamp it carries changes with the role and the team). Null for a credential without these claims (issued
    /// before the team claim existed), which is checked on its own first.
    /// </summary>
    public static (JlnbCrm.Domain.Actor Actor, string? Stamp)? Claimed(ClaimsPrincipal principal)
    {
        if (Read(principal) is not { Stamp: { } stamp } claims) return null;
        if (principal.FindFirst(TeamClaim)?.Value is not { } team
            || !int.TryParse(principal.FindFirst(Claims.Role)?.Value, out var role) || !Enum.IsDefined((RoleLevel)role))
            return null;
        long? teamId = team.Length == 0 ? null : long.TryParse(team, out var t) ? t : -1;
        return teamId == -1 ? null : (new JlnbCrm.Domain.Actor(claims.UserId, (RoleLevel)role, teamId), stamp);
    }

    private static (long UserId, string? Stamp)? Read(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(Claims.Subject)?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id)
            ? (id, principal.FindFirst(StampClaim)?.Value)
            : null;

    /// <summary>The active CRM user a cookie or token names, if its security stamp is still current; otherwise null.</summary>
    public static async Task<User?> CurrentUserAsync(this SignIn signIn, ClaimsPrincipal? principal, CancellationToken ct) =>
        principal is not null && Read(principal) is { } claims ? await signIn.CurrentAsync(claims.UserId, claims.Stamp, ct) : null;

    /// <summary>A user already checked in this request (by the cookie's session check), for its credential.</summary>
    private sealed record Checked(long UserId, string? Stamp, User? User);

    private const string CheckedItem = "crm.checked-user";

    /// <summary>
    /// Keeps the user the cookie's session check read with the session row (one statement for both), so the actor
    /// set-up later in the same request need not read it again. Kept for this request only.
    /// </summary>
    public static void RememberChecked(HttpContext http, ClaimsPrincipal principal, User? user)
    {
        if (Read(principal) is { } claims) http.Items[CheckedItem] = new Checked(claims.UserId, claims.Stamp, user);
    }

    /// <summary>
    /// As <see cref="CurrentUserAsync(SignIn, ClaimsPrincipal?, CancellationToken)"/>, reusing this request's check of
    /// the same credential (same user id and stamp) when there was one.
    /// </summary>
    public static async Task<User?> CurrentUserAsync(this SignIn signIn, HttpContext http, ClaimsPrincipal? principal,
        CancellationToken ct)
    {
        if (principal is not null && Read(principal) is { } claims && http.Items[CheckedItem] is Checked done
            && done.UserId == claims.UserId && done.Stamp == claims.Stamp)
            return done.User;
        return await signIn.CurrentUserAsync(principal, ct);
    }
}

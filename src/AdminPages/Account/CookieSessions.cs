using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Authentication.Cookies;
using JlnbCrm.Users;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JlnbCrm.AdminPages.Account;

/// <summary>
/// Every site sign-in is a session row in the database (an ad-hoc OpenIddict authorization, so no table of our own),
/// named by the cookie's <c>sid</c> claim. Each request checks the row is still valid; signing out revokes it. A copied
/// cookie therefore dies with the sign-out on every instance, not only in the browser that signed out.
/// </summary>
public sealed class CookieSessions : CookieAuthenticationEvents
{
    public const string SessionClaim = "sid";

    public override async Task SigningIn(CookieSigningInContext context)
    {
        var identity = context.Principal?.Identity as ClaimsIdentity
            ?? throw new InvalidOperationException("A cookie sign-in needs a claims identity.");
        var subject = identity.FindFirst(Claims.Subject)?.Value
            ?? throw new InvalidOperationException("A cookie sign-in needs the user's id (sub).");
        var manager = Manager(context.HttpContext);
        var session = await manager.CreateAsync(new OpenIddictAuthorizationDescriptor
        {
            Subject = subject,
            Type = AuthorizationTypes.AdHoc,
            Status = Statuses.Valid,
            CreationDate = DateTimeOffset.UtcNow,
        }, context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(SessionClaim, (await manager.GetIdAsync(session, context.HttpContext.RequestAborted))!));
    }

    /// <remarks>
    /// The session row and the user the cookie names are read by one statement
    /// (<see cref="SignIn.CurrentWithSessionAsync"/>); the user is kept for the request's actor, which would otherwise
    /// read it again. Both are read on every request:
    /// no cache, so revocation stays immediate on every instance. On /graphql the same check travels with the
    /// request's first statement instead (<see cref="CredentialCheck"/>, no round trip of its own); the endpoint
    /// answers 401 and the cookie is dropped when it fails.
    /// </remarks>
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.FindFirst(SessionClaim)?.Value is { Length: > 0 } session
            && principal.FindFirst(Claims.Subject)?.Value is { } subject && long.TryParse(subject, out var userId))
        {
            if (CrmPrincipal.ChecksWithFirstStatement(context.Request) && CrmPrincipal.Claimed(principal) is { } claimed)
            {
                context.HttpContext.RequestServices.GetRequiredService<CredentialCheck>().Defer(userId, claimed.Stamp, session);
                return;
            }
            var signIn = context.HttpContext.RequestServices.GetRequiredService<SignIn>();
            var stamp = principal.FindFirst(CrmPrincipal.StampClaim)?.Value;
            var (user, open) = await signIn.CurrentWithSessionAsync(userId, stamp, subject, session,
                context.HttpContext.RequestAborted);
            if (open)
            {
                CrmPrincipal.RememberChecked(context.HttpContext, principal, user);
                return;
            }
        }
        // Revoked or never recorded: the cookie is worth nothing, and the browser is told to drop it.
        context.RejectPrincipal();
        context.HttpContext.Response.Cookies.Delete(context.Options.Cookie.Name!);
    }

    /// <summary>Revokes the session the request's site cookie names (if any) and removes the cookie.</summary>
    public static async Task EndAsync(HttpContext http)
    {
        var cookie = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (await FindOpenAsync(http, cookie.Principal) is { } session)
            await Manager(http).TryRevokeAsync(session, http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>The still-valid session row the principal's <c>sid</c> names, for the same user; otherwise null.</summary>
    private static async Task<object?> FindOpenAsync(HttpContext http, ClaimsPrincipal? principal)
    {
        if (principal?.FindFirst(SessionClaim)?.Value is not { Length: > 0 } id) return null;
        var manager = Manager(http);
        var session = await manager.FindByIdAsync(id, http.RequestAborted);
        return session is not null
            && await manager.HasStatusAsync(session, Statuses.Valid, http.RequestAborted)
            && await manager.GetSubjectAsync(session, http.RequestAborted) == principal.FindFirst(Claims.Subject)?.Value
            ? session
            : null;
    }

    private static IOpenIddictAuthorizationManager Manager(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOpenIddictAuthorizationManager>();
}

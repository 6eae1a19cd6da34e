using JlnbCrm.Domain;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

using JlnbCrm.AdminPages.Account;

namespace JlnbCrm.Graph.Identity;

/// <summary>
/// Turns the authenticated principal into the request's <see cref="CurrentActor"/> — after checking the user
/// still exists, is active and the security stamp in the token or cookie is current. Anything else is
/// anonymous, and anonymous sees no rows.
/// </summary>
public sealed class ActorMiddleware(RequestDelegate next)
{
    /// <summary>Where the reason a credential was refused is left for the API's 401 answer.</summary>
    public const string RefusedItem = "crm.credential-refused";

    public async Task InvokeAsync(HttpContext http, CurrentActor actor, SignIn signIn, CredentialCheck check)
    {
        if (http.User.Identity?.IsAuthenticated == true
            && CrmPrincipal.ChecksWithFirstStatement(http.Request) && CrmPrincipal.Claimed(http.User) is { } claimed)
        {
            // Checked with the request's first statement (a cookie's session was put in the check by CookieSessions).
            if (!check.IsPending) check.Defer(claimed.Actor.UserId!.Value, claimed.Stamp, null);
            actor.Become(claimed.Actor);
        }
        else if (http.User.Identity?.IsAuthenticated == true)
        {
            // A cookie's user was read with its session row (CookieSessions); a token's is read here.
            var user = await signIn.CurrentUserAsync(http, http.User, http.RequestAborted);
            if (user is not null)
                actor.Become(Actor.For(user));
            else
            {
                http.Items[RefusedItem] = new CredentialRefusedException().Message;
                http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
                if (!http.Request.Headers.Authorization.Any())
                    await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        }
        await next(http);
    }
}

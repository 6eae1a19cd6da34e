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

    public async Task InvokeAsync(HttpContext http, CurrentActor actor, SignIn signIn)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            // A cookie's user was read with its session row (CookieSessions); a token's is read here.
            var user = await signIn.CurrentUserAsync(http, http.User, http.RequestAborted);
            if (user is not null)
                actor.Become(Actor.For(user));
            else
            {
                http.Items[RefusedItem] = "This token or sign-in is no longer valid (the user was deactivated or their access changed). Sign in again.";
                http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
                if (!http.Request.Headers.Authorization.Any())
                    await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        }
        await next(http);
    }
}

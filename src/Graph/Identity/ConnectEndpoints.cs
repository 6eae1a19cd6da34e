using System.Security.Claims;
using JlnbCrm.Users;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

using JlnbCrm.AdminPages.Account;

namespace JlnbCrm.Graph.Identity;

/// <summary>The provider's endpoints that need the CRM: who is signed in, and what goes into their tokens.</summary>
public static class ConnectEndpoints
{
    public static void MapCrmIdentity(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync);
        app.MapPost("/connect/token", (Delegate)TokenAsync);
        app.MapMethods("/connect/endsession", ["GET", "POST"], (Delegate)EndSessionAsync);
    }

    /// <summary>Signed in to the site (cookie)? Issue a code. Otherwise, to the sign-in page and back.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext http, SignIn signIn)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var user = cookie.Succeeded ? await signIn.CurrentUserAsync(cookie.Principal, http.RequestAborted) : null;
        if (user is null)
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(
                http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList()) },
                [CookieAuthenticationDefaults.AuthenticationScheme]);
        return Results.SignIn(TokenPrincipal(user, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, SignIn signIn, IConfiguration config)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // Re-read the user: a deactivated user or a changed role must not get fresh tokens.
            var previous = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = await signIn.CurrentUserAsync(previous, http.RequestAborted);
            return user is null
                ? Forbid(Errors.InvalidGrant, "The user is no longer allowed to sign in.")
                : Results.SignIn(TokenPrincipal(user, previous!.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsClientCredentialsGrantType())
        {
            var actsAs = OidcClients.ActsAs(config, request.ClientId!);
            var user = actsAs is null ? null : await signIn.ByEmailAsync(actsAs, http.RequestAborted);
            return user is null
                ? Forbid(Errors.UnauthorizedClient, "This integration is not linked to an active CRM user.")
                : Results.SignIn(TokenPrincipal(user, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    /// <summary>Ends the provider's session, which is the site's: its row is revoked, so a copy of the cookie dies too.</summary>
    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await CookieSessions.EndAsync(http);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static ClaimsPrincipal TokenPrincipal(User user, IEnumerable<string> scopes)
    {
        var identity = CrmPrincipal.For(user, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetResources("jlnb-crm");
        // Every claim goes into the access token; name and email also into the identity token.
        foreach (var claim in identity.Claims)
            claim.SetDestinations(claim.Type is Claims.Name or Claims.Email ? [Destinations.AccessToken, Destinations.IdentityToken] : [Destinations.AccessToken]);
        return principal;
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

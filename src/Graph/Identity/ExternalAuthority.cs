using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

using JlnbCrm.AdminPages.Account;

namespace JlnbCrm.Graph.Identity;

/// <summary>
/// An outside OpenID provider (Supabase Auth, Entra ID, Keycloak, Google) named in configuration
/// (<c>Crm:Oidc:External:Authority</c>, <c>ClientId</c>, optional <c>ClientSecret</c>, <c>Audience</c>,
/// <c>DisplayName</c>). The pages then sign in there; the API accepts that provider's JWTs. Either way the
/// person is matched to a CRM user by email and carries that user's claims from then on, so everything
/// downstream (the actor, the stamp check, row security) is the same as for the embedded provider.
/// </summary>
public sealed record ExternalAuthorityOptions(string Authority, string ClientId, string? ClientSecret, string Audience, string DisplayName)
{
    public const string PagesScheme = "External";
    public const string ApiScheme = "ExternalBearer";

    public static ExternalAuthorityOptions? From(IConfiguration config)
    {
        var section = config.GetSection("Crm:Oidc:External");
        if (string.IsNullOrWhiteSpace(section["Authority"])) return null;
        var clientId = section["ClientId"] ?? throw new InvalidOperationException("Crm:Oidc:External:ClientId is required with an external authority.");
        return new(section["Authority"]!.TrimEnd('/'), clientId, section["ClientSecret"], section["Audience"] ?? clientId,
            section["DisplayName"] ?? "your organisation's sign-in");
    }

    /// <summary>Claims providers use for the email: standard OIDC, then Entra's fall-backs.</summary>
    private static string? EmailOf(ClaimsPrincipal? principal) =>
        principal?.FindFirst("email")?.Value ?? principal?.FindFirst("preferred_username")?.Value ?? principal?.FindFirst("upn")?.Value;

    /// <summary>The CRM user the provider's principal names by email (or why there is none).</summary>
    private static Task<SignInResult> MatchAsync(HttpContext http, ClaimsPrincipal? principal) =>
        http.RequestServices.GetRequiredService<SignIn>().FederatedAsync(EmailOf(principal), http.RequestAborted);

    /// <summary>Does this bearer token come from the external provider (by its unvalidated issuer)? Validation follows.</summary>
    public bool Issued(string bearerToken)
    {
        var handler = new JwtSecurityTokenHandler();
        return handler.CanReadToken(bearerToken)
            && handler.ReadJwtToken(bearerToken).Issuer.TrimEnd('/') == Authority;
    }

    public void AddTo(AuthenticationBuilder authentication, bool plainHttpAllowed)
    {
        authentication.AddOpenIdConnect(PagesScheme, DisplayName, oidc =>
        {
            oidc.Authority = Authority;
            oidc.ClientId = ClientId;
            oidc.ClientSecret = ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.UsePkce = true;
            oidc.RequireHttpsMetadata = !plainHttpAllowed;
            oidc.MapInboundClaims = false;
            oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            oidc.CallbackPath = "/signin-oidc";
            // The provider comes back with a top-level GET (response_mode=query), so Lax cookies are enough.
            oidc.CorrelationCookie.SameSite = oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            if (plainHttpAllowed) oidc.CorrelationCookie.SecurePolicy = oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Scope.Clear();
            foreach (var scope in new[] { "openid", "email", "profile" }) oidc.Scope.Add(scope);
            oidc.Events.OnTokenValidated = async context =>
            {
                var match = await MatchAsync(context.HttpContext, context.Principal);
                if (match.User is null) context.Fail(match.Message);
                else context.Principal = new ClaimsPrincipal(CrmPrincipal.For(match.User, CookieAuthenticationDefaults.AuthenticationScheme));
            };
            // A refusal (no such CRM user, deactivated, or the provider said no) is a page that says why, not a 500.
            // The reason travels in TempData, not the URL, so nobody can link to the page with words of their own.
            oidc.Events.OnRemoteFailure = context =>
            {
                RefusedModel.Remember(context.HttpContext, context.Failure?.Message);
                context.Response.Redirect("/account/refused");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });

        authentication.AddJwtBearer(ApiScheme, jwt =>
        {
            jwt.Authority = Authority;
            jwt.Audience = Audience;
            jwt.RequireHttpsMetadata = !plainHttpAllowed;
            jwt.MapInboundClaims = false;
            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = async context =>
                {
                    var match = await MatchAsync(context.HttpContext, context.Principal);
                    if (match.User is null)
                    {
                        context.HttpContext.Items[ActorMiddleware.RefusedItem] = match.Message;
                        context.Fail(match.Message);
                    }
                    else context.Principal = new ClaimsPrincipal(CrmPrincipal.For(match.User, ApiScheme));
                },
            };
        });
    }
}

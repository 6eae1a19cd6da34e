using JlnbCrm.Database;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

using JlnbCrm.AdminPages.Account;

namespace JlnbCrm.Graph.Identity;

/// <summary>
/// The app is its own OpenID Connect provider (OpenIddict): authorization code + PKCE for the pages, the IDE and
/// front ends, refresh tokens, and client credentials for integrations. The pages sign in with a cookie; the API
/// takes bearer tokens (or, same-origin, the site's cookie, so the GraphQL IDE works once you are signed in).
/// </summary>
public static class IdentityExtensions
{
    public const string ApiScheme = "Api";

    public static void AddCrmIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var plainHttpAllowed = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
            || builder.Configuration.GetValue("Crm:Oidc:AllowHttp", false);

        var keys = SigningKeys.From(builder.Configuration, builder.Environment);
        if (keys is null) services.AddHostedService<SigningKeys.Refusal>();
        var external = ExternalAuthorityOptions.From(builder.Configuration);
        if (external is not null) services.AddSingleton(new ExternalSignIn(ExternalAuthorityOptions.PagesScheme, external.DisplayName));

        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = ApiScheme;
                options.DefaultChallengeScheme = external is null ? CookieAuthenticationDefaults.AuthenticationScheme : ExternalAuthorityOptions.PagesScheme;
                options.DefaultSignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/account/signin";
                cookie.LogoutPath = "/account/signout";
                cookie.AccessDeniedPath = "/account/denied";
                cookie.Cookie.Name = "jlnb.crm";
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
                cookie.EventsType = typeof(CookieSessions);
            })
            // The API: a bearer token if one is sent (the external provider's, or ours), otherwise the site's cookie.
            .AddPolicyScheme(ApiScheme, "Bearer token or site cookie", policy => policy.ForwardDefaultSelector = http =>
            {
                var header = http.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return CookieAuthenticationDefaults.AuthenticationScheme;
                return external is not null && external.Issued(header["Bearer ".Length..].Trim())
                    ? ExternalAuthorityOptions.ApiScheme
                    : OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            });
        external?.AddTo(authentication, plainHttpAllowed);
        services.AddScoped<CookieSessions>();
        services.AddAuthorization();

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<CrmDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetUserInfoEndpointUris("connect/userinfo");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                // PKCE with S256 only: a "plain" challenge is the verifier itself, so whoever sees it can redeem the code.
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, OidcClients.ApiScope);
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(30)).SetRefreshTokenLifetime(TimeSpan.FromDays(14));
                // Without configured keys (outside Development) the server does not start (SigningKeys.Refusal);
                // throwaway keys let the one-shot commands (--migrate, --create-admin) build the host meanwhile.
                if (keys is null) server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
                else server.AddSigningKey(keys.Signing).AddEncryptionKey(keys.Encryption);
                // Plain JWTs, so front ends and other services can read and validate them.
                server.DisableAccessTokenEncryption();
                var aspNet = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
                if (plainHttpAllowed) aspNet.DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });
    }

    public static void UseCrmIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ActorMiddleware>();
    }
}

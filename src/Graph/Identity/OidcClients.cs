using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

using JlnbCrm.AdminPages.Account;

namespace JlnbCrm.Graph.Identity;

/// <summary>
/// The applications allowed to ask this provider for tokens, registered (or updated) at start-up:
/// the web and mobile front ends and the GraphQL IDE (public clients: code + PKCE, refresh tokens) and the
/// reporting integration (confidential: client credentials, acting with the rights of one CRM user).
/// </summary>
public static class OidcClients
{
    public const string ApiScope = "crm_api";
    public const string Web = "jlnb-web";
    public const string Mobile = "jlnb-mobile";
    public const string Reporting = "jlnb-reporting";

    /// <summary>The CRM user a client-credentials integration acts as (its rows and rights are that user's).</summary>
    public static string? ActsAs(IConfiguration config, string clientId) => config[$"Crm:Oidc:Integrations:{clientId}:ActsAs"]
        ?? (clientId == Reporting ? "admin@jlnb.in" : null);

    public static async Task RegisterOidcClientsAsync(this IServiceProvider services, IConfiguration config)
    {
        var manager = services.GetRequiredService<IOpenIddictApplicationManager>();
        var webRedirects = (config["Crm:Oidc:WebRedirectUris"] ?? "http://localhost:5080/signin-callback,http://localhost:3000/callback")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await UpsertAsync(manager, PublicClient(Web, "JLNB CRM web", webRedirects));
        await UpsertAsync(manager, PublicClient(Mobile, "JLNB CRM mobile", ["in.jlnb.crm:/oauth2redirect"]));
        await UpsertAsync(manager, new OpenIddictApplicationDescriptor
        {
            ClientId = Reporting,
            ClientSecret = config["Crm:Oidc:Integrations:jlnb-reporting:Secret"] ?? "reporting-secret-change-me",
            ClientType = ClientTypes.Confidential,
            DisplayName = "Reporting integration",
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + ApiScope },
        });
    }

    private static OpenIddictApplicationDescriptor PublicClient(string id, string name, IEnumerable<string> redirects)
    {
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = id,
            ClientType = ClientTypes.Public,
            DisplayName = name,
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles, Permissions.Prefixes.Scope + ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirects) client.RedirectUris.Add(new Uri(uri));
        return client;
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager manager, OpenIddictApplicationDescriptor descriptor)
    {
        if (await manager.FindByClientIdAsync(descriptor.ClientId!) is { } existing)
            await manager.UpdateAsync(existing, descriptor);
        else
            await manager.CreateAsync(descriptor);
    }
}

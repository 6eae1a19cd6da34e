using JlnbCrm.Graph.Hosting;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

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
    /// <summary>GraphQL IDEs (Banana Cake Pop / Nitro, Postman, Altair): a public client like the front ends.</summary>
    public const string Ide = "jlnb-ide";
    public const string IdeRedirectUrisKey = "Crm:Oidc:IdeRedirectUris";

    /// <summary>
    /// Where the IDEs' hosted apps receive the code: Banana Cake Pop's web app (and Nitro, its new name) and
    /// Postman's web and desktop callbacks. An IDE's desktop app, Altair, or a self-hosted IDE shows its own
    /// redirect URI in its OAuth 2 settings: add it with <see cref="IdeRedirectUrisKey"/> (a list or comma-separated).
    /// </summary>
    public static readonly string[] IdeRedirectUris =
    [
        "https://eat.bananacakepop.com/", "https://nitro.chillicream.com/",
        "https://oauth.pstmn.io/v1/callback", "https://oauth.pstmn.io/v1/browser-callback",
    ];
    public const string Reporting = "jlnb-reporting";

    /// <summary>
    /// The reporting integration's secret on a developer's machine only. It is published in the source, so outside
    /// Development it is never used, and a deployment configured with it refuses to start (<see cref="DeploymentSafety"/>).
    /// </summary>
    public const string DevelopmentReportingSecret = "reporting-secret-change-me";

    public static string SecretKey(string clientId) => $"Crm:Oidc:Integrations:{clientId}:Secret";

    /// <summary>The CRM user a client-credentials integration acts as (its rows and rights are that user's).</summary>
    public static string? ActsAs(IConfiguration config, string clientId) => config[$"Crm:Oidc:Integrations:{clientId}:ActsAs"]
        ?? (clientId == Reporting ? "admin@jlnb.in" : null);

    /// <summary>The integration's configured secret; the published one only in Development; otherwise none.</summary>
    public static string? ReportingSecret(IConfiguration config, IHostEnvironment environment) =>
        config[SecretKey(Reporting)] is { Length: > 0 } configured ? configured
        : environment.IsDevelopment() ? DevelopmentReportingSecret
        : null;

    public static async Task RegisterOidcClientsAsync(this IServiceProvider services, IConfiguration config, IHostEnvironment environment, ILogger log)
    {
        var manager = services.GetRequiredService<IOpenIddictApplicationManager>();
        var webRedirects = (config["Crm:Oidc:WebRedirectUris"] ?? "http://localhost:5080/signin-callback,http://localhost:3000/callback")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await UpsertAsync(manager, PublicClient(Web, "JLNB CRM web", webRedirects));
        await UpsertAsync(manager, PublicClient(Mobile, "JLNB CRM mobile", ["in.jlnb.crm:/oauth2redirect"]));
        await UpsertAsync(manager, PublicClient(Ide, "GraphQL IDE",
            IdeRedirectUris.Concat(config.GetSection(IdeRedirectUrisKey).Items()).Distinct()));

        if (ReportingSecret(config, environment) is not { } secret)
        {
            // Not registered at all: a registration left by an earlier start (perhaps with the published secret) goes too.
            if (await manager.FindByClientIdAsync(Reporting) is { } stale) await manager.DeleteAsync(stale);
            log.LogWarning("The integration {ClientId} is not registered: no secret is configured ({Key}).", Reporting, SecretKey(Reporting));
            return;
        }
        // OpenIddict stores only a hash of the secret; it is never shown again.
        await UpsertAsync(manager, new OpenIddictApplicationDescriptor
        {
            ClientId = Reporting,
            ClientSecret = secret,
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

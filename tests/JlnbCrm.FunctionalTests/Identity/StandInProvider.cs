using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JlnbCrm.FunctionalTests.Identity;

/// <summary>
/// A second, independent OpenID provider on a real loopback socket, standing in for Supabase Auth or Entra:
/// its own keys, its own client registrations, its own users. Whoever the test names in
/// <see cref="SignedInEmail"/> is "signed in" at the provider (it skips its own login screen).
/// </summary>
public sealed class StandInProvider : IAsyncDisposable
{
    public const string ClientId = "jlnb-crm";
    public const string ClientSecret = "stand-in-secret";
    public const string Audience = "jlnb-crm-api";

    private readonly WebApplication _app;
    private readonly SqliteConnection _store;

    private StandInProvider(WebApplication app, SqliteConnection store) => (_app, _store) = (app, store);

    public string SignedInEmail { get; set; } = "";

    public string Authority => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);

    public static async Task<StandInProvider> StartAsync(string crmRedirectUri)
    {
        var store = new SqliteConnection("Data Source=:memory:");
        store.Open();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddDbContext<ProviderDb>(db => db.UseSqlite(store).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowPasswordFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddAuthentication();
        var app = builder.Build();
        var provider = new StandInProvider(app, store);

        app.MapGet("/connect/authorize", (HttpContext http) => Issue(http.GetOpenIddictServerRequest()!, provider.SignedInEmail));
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            if (request.IsPasswordGrantType()) return Issue(request, request.Username!);
            var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(code.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId, ClientSecret = ClientSecret, ClientType = ClientTypes.Confidential, ConsentType = ConsentTypes.Implicit,
                RedirectUris = { new Uri(crmRedirectUri) },
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                    Permissions.GrantTypes.Password, Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
                },
            });
        }
        await app.StartAsync();
        return provider;
    }

    /// <summary>Tokens for this email, shaped like Supabase's: subject is the provider's own id, the email is a claim.</summary>
    private static IResult Issue(OpenIddictRequest request, string email)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, "ext-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(email))));
        identity.AddClaim(new Claim(Claims.Email, email));
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        principal.SetResources(Audience);
        foreach (var claim in identity.Claims) claim.SetDestinations(Destinations.AccessToken, Destinations.IdentityToken);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _store.Dispose();
    }
}

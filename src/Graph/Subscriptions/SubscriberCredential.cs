using System.Security.Claims;
using JlnbCrm.AdminPages.Account;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Hosting;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace JlnbCrm.Graph.Subscriptions;

/// <summary>
/// What a WebSocket subscriber signed in with: the <c>Authorization</c> value of <c>connection_init</c> (or of the
/// upgrade request), else the site's cookie from the upgrade request. It is checked again — through the same
/// authentication schemes and active-user check as every HTTP request — before each operation and each event, so
/// an expired token, a revoked session or a deactivated user stops the subscription.
/// </summary>
public sealed class SubscriberCredential
{
    private readonly IServiceScopeFactory _scopes;
    private readonly string _scheme;
    private readonly HostString _host;
    private readonly PathString _pathBase;
    private readonly string? _authorization;
    private readonly string? _cookie;

    public SubscriberCredential(HttpContext upgrade, string? authorization)
    {
        _scopes = upgrade.RequestServices.GetRequiredService<IServiceScopeFactory>();
        // The token's issuer is checked against the address it was sent to, as for HTTP.
        (_scheme, _host, _pathBase) = (upgrade.Request.Scheme, upgrade.Request.Host, upgrade.Request.PathBase);
        _authorization = authorization is { Length: > 0 } ? authorization : upgrade.Request.Headers.Authorization.ToString();
        // Browsers send cookies on a cross-site WebSocket handshake too: only an origin the API trusts may ride on them.
        if (TrustedOrigin(upgrade)) _cookie = upgrade.Request.Headers.Cookie.ToString();
    }

    /// <summary>A fresh scope acting as the subscriber, or null when the credential no longer signs anyone in.</summary>
    public async Task<SignedInScope?> SignInAsync(CancellationToken ct)
    {
        var scope = _scopes.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        (http.Request.Scheme, http.Request.Host, http.Request.PathBase, http.Request.Path) = (_scheme, _host, _pathBase, "/graphql");
        if (_authorization is { Length: > 0 }) http.Request.Headers.Authorization = _authorization;
        else if (_cookie is { Length: > 0 }) http.Request.Headers.Cookie = _cookie;
        // The authentication middleware itself, as for an HTTP request (OpenIddict's validation needs its request step).
        await new AuthenticationMiddleware(_ => Task.CompletedTask,
            scope.ServiceProvider.GetRequiredService<IAuthenticationSchemeProvider>()).Invoke(http);
        var user = http.User.Identity?.IsAuthenticated == true
            ? await scope.ServiceProvider.GetRequiredService<SignIn>().CurrentUserAsync(http.User, ct)
            : null;
        if (user is null)
        {
            await scope.DisposeAsync();
            return null;
        }
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Become(Actor.For(user));
        return new SignedInScope(scope, http.User);
    }

    private static bool TrustedOrigin(HttpContext upgrade)
    {
        var origin = upgrade.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return true; // not a browser
        var own = $"{upgrade.Request.Scheme}://{upgrade.Request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || upgrade.RequestServices.GetRequiredService<IOptions<CorsOptions>>().Value
                .GetPolicy(CrossOrigin.Policy)?.Origins.Contains(origin) == true;
    }
}

/// <summary>A service scope acting as a signed-in subscriber; disposing it ends the scope.</summary>
public sealed class SignedInScope(AsyncServiceScope scope, ClaimsPrincipal user) : IAsyncDisposable
{
    public IServiceProvider Services => scope.ServiceProvider;

    public ClaimsPrincipal User => user;

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

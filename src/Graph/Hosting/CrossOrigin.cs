using Microsoft.AspNetCore.Cors.Infrastructure;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// Cross-origin calls to <c>/graphql</c> from the origins listed in <c>Crm:Cors:Origins</c> (a list, or one
/// comma-separated value): a browser-based IDE or a front end served from another origin. Listed origins get the
/// preflight answered and may send credentials (a bearer token, or the cookie where its SameSite rule lets it
/// travel); any other origin gets no CORS headers at all, so the browser keeps the answer from its script.
/// Only the API and the token endpoint are opened (a browser-based IDE signed in with code + PKCE redeems the code
/// from its own origin): pages, sign-in, the authorization endpoint and the IDE page stay same-origin.
/// </summary>
public static class CrossOrigin
{
    internal const string Policy = "graphql";
    private static readonly string[] Paths = ["/graphql", "/connect/token"];

    /// <summary>The origins are read when the options are first needed, so settings added by the host later count.</summary>
    public static void AddCrmCors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IConfiguration>((cors, configuration) =>
        {
            var origins = Origins(configuration.GetSection("Crm:Cors:Origins"));
            cors.AddPolicy(Policy, policy => Configure(policy, origins));
        });
    }

    /// <summary>Before authentication, so a preflight (which carries no credentials) is answered, never refused.</summary>
    public static void UseCrmCors(this WebApplication app) =>
        app.UseWhen(http => Paths.Any(path => http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)),
            branch => branch.UseCors(Policy));

    private static void Configure(CorsPolicyBuilder policy, string[] origins)
    {
        policy.WithOrigins(origins).WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", "Accept")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        // With no origin listed there is nothing to give credentials to (and the policy answers nobody).
        if (origins.Length > 0) policy.AllowCredentials();
    }

    /// <summary>Origins compare exactly (scheme, host, port), without a trailing slash.</summary>
    private static string[] Origins(IConfigurationSection section) =>
        section.Items().Select(origin => origin.TrimEnd('/')).Where(origin => origin.Length > 0).Distinct().ToArray();
}

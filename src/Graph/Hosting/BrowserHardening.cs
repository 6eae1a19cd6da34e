using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// What every response tells the browser (pages, GraphQL, the IDE, static files), HTTPS outside Development, and the
/// client's address and scheme as a trusted reverse proxy reports them (<c>Crm:ForwardedHeaders:KnownProxies</c>,
/// <c>…:KnownNetworks</c>: lists, or comma-separated in one environment variable; by default only loopback is trusted).
/// </summary>
public static class BrowserHardening
{
    /// <summary>
    /// Scripts and styles only from the app's own files (no inline script, no inline style, no eval), nothing framed.
    /// No form-action: the OpenID Connect flow ends with a redirect from our form post to a front end's own origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static void AddCrmBrowserHardening(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Crm:ForwardedHeaders");
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in List(section.GetSection("KnownProxies"))) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in List(section.GetSection("KnownNetworks"))) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
    }

    /// <summary>First in the pipeline, so even a static file or an error answer carries the headers.</summary>
    public static void UseCrmBrowserHardening(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(http);
        });
        if (app.Environment.IsDevelopment()) return;
        app.UseHsts();
        app.UseHttpsRedirection();
    }

    private static IEnumerable<string> List(IConfigurationSection section) =>
        (section.Value is { } single ? single.Split(',') : section.GetChildren().Select(child => child.Value ?? ""))
            .Select(item => item.Trim()).Where(item => item.Length > 0);
}

using System.Net;
using JlnbCrm.FunctionalTests.Graph;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace JlnbCrm.FunctionalTests.Hardening;

/// <summary>
/// The host as deployed (Production) behind a reverse proxy: plain HTTP is sent to HTTPS, HTTPS answers carry HSTS,
/// and X-Forwarded-For/-Proto count only from loopback and the configured <c>Crm:ForwardedHeaders</c> addresses —
/// from anyone else they would let a client fake its address or pass for HTTPS.
/// </summary>
public abstract class ProxyAndHttpsTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string KnownProxy = "203.0.113.7";
    private const string KnownNetwork = "198.51.100.0/24";
    private const string Stranger = "192.0.2.1";
    private const string RealClient = "192.0.2.55";

    private WebApplicationFactory<Program> Production() => app.AnotherInstance(web =>
    {
        web.UseEnvironment("Production");
        web.UseSetting("Crm:Oidc:Integrations:jlnb-reporting:Secret", "a-secret-of-our-own-" + Guid.NewGuid());
        web.UseSetting("Crm:ForwardedHeaders:KnownProxies", KnownProxy);
        web.UseSetting("Crm:ForwardedHeaders:KnownNetworks", KnownNetwork);
        web.UseSetting("https_port", "443"); // what the proxy serves HTTPS on (ASPNETCORE_HTTPS_PORT)
        web.ConfigureTestServices(services => services.AddTransient<IStartupFilter, PeerAddress>());
    });

    /// <summary>A request from <paramref name="peer"/> (the address the socket would report) with the proxy headers.</summary>
    private static async Task<HttpResponseMessage> SendAsync(WebApplicationFactory<Program> host, string peer,
        string? forwardedProto = null, string? forwardedFor = null)
    {
        var http = host.CreateClient(new WebApplicationFactoryClientOptions
            { AllowAutoRedirect = false, BaseAddress = new Uri("http://crm.jlnb.example") });
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add(PeerAddress.Header, peer);
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_without_hsts()
    {
        await using var host = Production();
        var response = await SendAsync(host, Stranger);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://crm.jlnb.example/health", response.Headers.Location!.ToString());
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // HSTS over plain HTTP means nothing
    }

    [Theory]
    [InlineData(KnownProxy)]      // Crm:ForwardedHeaders:KnownProxies
    [InlineData("198.51.100.20")] // inside Crm:ForwardedHeaders:KnownNetworks
    [InlineData("127.0.0.1")]     // a proxy on the same machine
    public async Task A_trusted_proxy_reports_https_and_the_client_address(string proxy)
    {
        await using var host = Production();
        var response = await SendAsync(host, proxy, forwardedProto: "https", forwardedFor: RealClient);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Single(response, "Strict-Transport-Security"));
        Assert.Equal(RealClient, Single(response, PeerAddress.SeenClient));
        Assert.Equal("https", Single(response, PeerAddress.SeenScheme));
    }

    [Theory]
    [InlineData(Stranger)]
    [InlineData("198.51.101.20")] // just outside the known network
    [InlineData("203.0.113.8")]   // next to the known proxy
    public async Task Anyone_else_cannot_claim_https_or_another_address(string peer)
    {
        await using var host = Production();
        var response = await SendAsync(host, peer, forwardedProto: "https", forwardedFor: RealClient);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.StartsWith("https://crm.jlnb.example/", response.Headers.Location!.ToString());
        Assert.Equal(peer, Single(response, PeerAddress.SeenClient));
        Assert.Equal("http", Single(response, PeerAddress.SeenScheme));
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.GetValues(header));

    /// <summary>
    /// TestServer has no socket, so it reports no remote address; this sets the one a socket would (from a test-only
    /// header), before the app's own pipeline and so before its forwarded-headers middleware. It also shows, on every
    /// answer, the client address and scheme the app ended up with.
    /// </summary>
    private sealed class PeerAddress : IStartupFilter
    {
        public const string Header = "X-Test-Peer";
        public const string SeenClient = "X-Test-Seen-Client";
        public const string SeenScheme = "X-Test-Seen-Scheme";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((http, following) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(http.Request.Headers[Header].ToString());
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers[SeenClient] = http.Connection.RemoteIpAddress?.ToString();
                    http.Response.Headers[SeenScheme] = http.Request.Scheme;
                    return Task.CompletedTask;
                });
                return following(http);
            });
            next(builder);
        };
    }
}

public sealed class PostgresProxyAndHttpsTests(PostgresGraphApp app) : ProxyAndHttpsTests<PostgresGraphApp>(app);
public sealed class SqliteProxyAndHttpsTests(SqliteGraphApp app) : ProxyAndHttpsTests<SqliteGraphApp>(app);

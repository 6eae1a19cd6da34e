using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>Starts an app factory on a real Kestrel socket on a free loopback port.</summary>
public static class KestrelHost
{
    /// <summary>
    /// Starts the server and answers where it listens. The port is asked of the operating system through the URL
    /// (port 0), not through <c>UseKestrel(0)</c>: that left the host on Kestrel's default port 5000, so two hosts
    /// started at once collided ("address already in use").
    /// </summary>
    public static Uri Start(WebApplicationFactory<Program> factory)
    {
        factory.UseKestrel();
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.Single());
    }

    /// <summary>The setting <see cref="Start"/> needs: apply it in the factory's web host builder.</summary>
    public static void OnAFreePort(IWebHostBuilder web) => web.UseUrls("http://127.0.0.1:0");
}

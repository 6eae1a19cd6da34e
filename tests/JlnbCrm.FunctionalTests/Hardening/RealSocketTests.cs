using System.Net;
using JlnbCrm.FunctionalTests.Browser;
using JlnbCrm.FunctionalTests.Graph;

namespace JlnbCrm.FunctionalTests.Hardening;

/// <summary>Hosts on real sockets (the browser fixtures) must not collide when test classes run at once.</summary>
public abstract class RealSocketTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    [Fact]
    public async Task Two_hosts_started_at_once_each_get_a_free_port_of_their_own()
    {
        await using var first = app.AnotherInstance(KestrelHost.OnAFreePort);
        await using var second = app.AnotherInstance(KestrelHost.OnAFreePort);
        var addresses = new[] { KestrelHost.Start(first), KestrelHost.Start(second) };

        Assert.NotEqual(addresses[0].Port, addresses[1].Port);
        foreach (var address in addresses)
        {
            Assert.Equal(IPAddress.Loopback.ToString(), address.Host);
            using var http = new HttpClient { BaseAddress = address };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        }
    }
}

public sealed class PostgresRealSocketTests(PostgresGraphApp app) : RealSocketTests<PostgresGraphApp>(app);
public sealed class SqliteRealSocketTests(SqliteGraphApp app) : RealSocketTests<SqliteGraphApp>(app);

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using JlnbCrm.FunctionalTests.Browser;
using JlnbCrm.FunctionalTests.Graph;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JlnbCrm.FunctionalTests.Subscriptions;

/// <summary>
/// An instance stopping (a deploy, a scale-in) with subscribers connected: at the stop signal every open socket is
/// closed with 1001 Going Away, so graphql-ws clients reconnect (elsewhere: the instance already answers unready),
/// and the sockets do not hold the stop up until the shutdown timeout.
/// </summary>
public abstract class SubscriptionShutdownTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const int DrainSeconds = 8, TimeoutSeconds = 40;

    [Fact]
    public async Task Stopping_the_host_closes_open_subscriptions_with_1001_at_once_and_the_stop_is_not_held_up()
    {
        var errors = new ConcurrentQueue<string>();
        await using var host = app.AnotherInstance(web =>
        {
            KestrelHost.OnAFreePort(web);
            web.UseSetting("Crm:Shutdown:DrainSeconds", $"{DrainSeconds}");
            web.UseSetting("Crm:Shutdown:TimeoutSeconds", $"{TimeoutSeconds}");
            web.ConfigureServices(services => services.AddLogging(log => log.AddProvider(new ErrorCollector(errors))));
        });
        var address = KestrelHost.Start(host);
        var admin = await SubscriptionTests<TApp>.SignInAsync(address, SubscriptionTests<TApp>.Admin);
        using var socket = await SubscriptionSocket.OpenAsync(address);
        await socket.InitAsync(admin.Token);
        await socket.SubscribeAsync("watch", SubscriptionTests<TApp>.RequestChanged);

        var clock = Stopwatch.StartNew();
        // SIGTERM as Program's app.Run() handles it: the stop signal, then the host's stop (drain, server, services).
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var stopped = host.Services.GetRequiredService<IHost>().StopAsync();
        var (code, reason) = await socket.ClosedAsync();
        Assert.Equal((int)WebSocketCloseStatus.EndpointUnavailable, code);
        Assert.Equal("The server is shutting down.", reason);

        // Closed at the signal, not when the drain ends: the instance still serves (and answers unready)...
        using var http = new HttpClient { BaseAddress = address };
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        // ...and a socket opened during the drain goes away at once too.
        using (var late = await SubscriptionSocket.OpenAsync(address))
            Assert.Equal((int)WebSocketCloseStatus.EndpointUnavailable, (await late.ClosedAsync()).Code);

        await stopped;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(DrainSeconds + (TimeoutSeconds - DrainSeconds) / 2),
            $"The stop took {clock.Elapsed}: the sockets held it up towards the {TimeoutSeconds} s timeout.");
        Assert.Empty(errors);
    }

    /// <summary>
    /// Keeps what the host logs as an error (a socket closed badly would be logged so), except the health checks'
    /// own report of the unready probe this test calls on purpose.
    /// </summary>
    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal)
                ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance
                : new Collector(categoryName, errors);

        public void Dispose() { }

        private sealed class Collector(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                    errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}

public sealed class PostgresSubscriptionShutdownTests(PostgresGraphApp app)
    : SubscriptionShutdownTests<PostgresGraphApp>(app);

public sealed class SqliteSubscriptionShutdownTests(SqliteGraphApp app)
    : SubscriptionShutdownTests<SqliteGraphApp>(app);

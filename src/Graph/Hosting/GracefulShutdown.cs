namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// Stopping an instance without dropping requests (a deploy, a scale-in, a restart): from the moment it is told to
/// stop, <c>/health/ready</c> answers 503 (<see cref="HealthExtensions"/>), and for <c>Crm:Shutdown:DrainSeconds</c>
/// (default 0) the server keeps serving, so the load balancer sees it unready and sends new requests elsewhere; then
/// the server stops taking connections and requests in flight get up to <c>Crm:Shutdown:TimeoutSeconds</c>
/// (default 30, counted from the stop signal, so make it longer than the drain) to finish, after which their
/// <c>RequestAborted</c> token is cancelled (GraphQL and EF Core observe it).
/// </summary>
public static class GracefulShutdown
{
    public static void AddCrmGracefulShutdown(this IHostApplicationBuilder builder)
    {
        var drain = TimeSpan.FromSeconds(builder.Configuration.GetValue("Crm:Shutdown:DrainSeconds", 0));
        var timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Crm:Shutdown:TimeoutSeconds", 30));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = timeout);
        if (drain > TimeSpan.Zero)
            builder.Services.AddHostedService(sp => new Drain(drain, sp.GetRequiredService<ILogger<Drain>>()));
    }

    /// <summary>Holds the stop before any service (the web server included) stops, while readiness already says 503.</summary>
    private sealed class Drain(TimeSpan period, ILogger<Drain> log) : IHostedLifecycleService
    {
        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            log.LogInformation("Stopping: /health/ready answers 503; serving for {Seconds} s more while the load "
                + "balancer drains.", period.TotalSeconds);
            try { await Task.Delay(period, cancellationToken); }
            catch (OperationCanceledException) { } // the shutdown timeout ran out: stop now
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

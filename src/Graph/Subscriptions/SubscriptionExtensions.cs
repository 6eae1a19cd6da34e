using JlnbCrm.Changes;
using JlnbCrm.Database;

namespace JlnbCrm.Graph.Subscriptions;

/// <summary>Live updates: where changes come from (per provider) and the WebSocket route at /graphql.</summary>
public static class SubscriptionExtensions
{
    public const string Path = "/graphql";

    public static void AddCrmSubscriptions(this IHostApplicationBuilder builder)
    {
        // On PostgreSQL changes arrive through LISTEN; on SQLite the save path publishes in-process, live from the start.
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<CrmStore>().Provider == CrmProvider.Postgres
            ? ActivatorUtilities.CreateInstance<PostgresChangeListener>(sp)
            : new InProcessFeed(sp.GetRequiredService<ChangeFeed>()));
    }

    /// <summary>
    /// WebSocket upgrades of /graphql are answered here, before the HTTP endpoint (which keeps GET and POST).
    /// After authentication, so the upgrade request's cookie has been read like any other request's.
    /// </summary>
    public static void UseCrmSubscriptions(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Use(async (http, next) =>
        {
            if (!http.WebSockets.IsWebSocketRequest || !http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase))
            {
                await next(http);
                return;
            }
            if (!http.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLWebSocketConnection.Protocol))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsync($"Use the WebSocket subprotocol {GraphQLWebSocketConnection.Protocol}.");
                return;
            }
            using var socket = await http.WebSockets.AcceptWebSocketAsync(GraphQLWebSocketConnection.Protocol);
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<GraphQLWebSocketConnection>();
            await new GraphQLWebSocketConnection(socket, http, logger, app.Lifetime.ApplicationStopping).RunAsync();
        });
    }

    private sealed class InProcessFeed(ChangeFeed feed) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            feed.MarkLive();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

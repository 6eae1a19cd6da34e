using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JlnbCrm.FunctionalTests.Subscriptions;

/// <summary>A graphql-transport-ws client over a real WebSocket (what the graphql-ws npm client sends).</summary>
public sealed class SubscriptionSocket : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly ClientWebSocket _socket = new();

    private SubscriptionSocket() => _socket.Options.AddSubProtocol("graphql-transport-ws");

    /// <param name="configure">Handshake settings a browser would add (its cookies, its Origin header).</param>
    public static async Task<SubscriptionSocket> OpenAsync(Uri host, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = new SubscriptionSocket();
        configure?.Invoke(client._socket.Options);
        using var timeout = new CancellationTokenSource(Patience);
        await client._socket.ConnectAsync(new Uri($"ws://{host.Authority}/graphql"), timeout.Token);
        Assert.Equal("graphql-transport-ws", client._socket.SubProtocol);
        return client;
    }

    /// <summary>connection_init with the token (if any), answered by connection_ack.</summary>
    public async Task InitAsync(string token)
    {
        await SendAsync(new { type = "connection_init", payload = new { Authorization = $"Bearer {token}" } });
        Assert.Equal("connection_ack", (await ReceiveAsync())["type"]!.GetValue<string>());
    }

    /// <summary>Subscribes, then pings: the server answers the ping only once the subscription listens.</summary>
    public async Task SubscribeAsync(string id, string query)
    {
        await SendAsync(new { id, type = "subscribe", payload = new { query } });
        await SendAsync(new { type = "ping" });
        var answer = await ReceiveAsync();
        Assert.True(answer["type"]!.GetValue<string>() == "pong", $"Expected pong, got {answer.ToJsonString()}");
    }

    /// <summary>The payload of the next message of the subscription.</summary>
    public async Task<JsonNode> NextAsync(string id)
    {
        var message = await ReceiveAsync();
        Assert.True(message["type"]?.GetValue<string>() == "next" && message["id"]?.GetValue<string>() == id,
            $"Expected next for {id}, got {message.ToJsonString()}");
        return message["payload"]!;
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>The next message; fails if the server closes instead.</summary>
    public async Task<JsonNode> ReceiveAsync(TimeSpan? wait = null) =>
        await ReceiveOrCloseAsync(wait) is { } message ? message
            : throw new Xunit.Sdk.XunitException($"The server closed the socket: {(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}");

    /// <summary>Reads until the server closes, answers its close as a browser does; answers its code and reason.</summary>
    public async Task<(int Code, string? Reason)> ClosedAsync()
    {
        while (await ReceiveOrCloseAsync(null) is { } message)
            Assert.Fail($"Expected the socket to close, got {message.ToJsonString()}");
        if (_socket.State == WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(Patience);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        return ((int)_socket.CloseStatus!.Value, _socket.CloseStatusDescription);
    }

    /// <summary>True when nothing arrives within <paramref name="wait"/>.</summary>
    public async Task<JsonNode?> NothingWithinAsync(TimeSpan wait)
    {
        try { return await ReceiveOrCloseAsync(wait); }
        catch (OperationCanceledException) { return null; }
    }

    private async Task<JsonNode?> ReceiveOrCloseAsync(TimeSpan? wait)
    {
        using var timeout = new CancellationTokenSource(wait ?? Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var frame = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (frame.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, frame.Count);
            if (frame.EndOfMessage) return JsonNode.Parse(message.ToArray());
        }
    }

    public void Dispose() => _socket.Dispose();
}

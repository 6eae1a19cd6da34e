using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using JlnbCrm.Changes;
using JlnbCrm.Graph.Endpoint;
using JlnbCrm.Graph.Schema;

namespace JlnbCrm.Graph.Subscriptions;

/// <summary>
/// One WebSocket speaking graphql-transport-ws (the protocol of the graphql-ws npm client): connection_init →
/// connection_ack, ping/pong, subscribe → next… complete, error, complete from the client; protocol faults close
/// the socket with the protocol's codes. Messages are handled in the order sent, so a ping sent after a subscribe
/// is answered once that subscription listens. When the host stops (<paramref name="stopping"/>), the socket is
/// closed with 1001 Going Away, so clients reconnect to another instance instead of holding the stop up.
/// </summary>
public sealed class GraphQLWebSocketConnection(
    WebSocket socket, HttpContext upgrade, ILogger logger, CancellationToken stopping) : ISubscriber
{
    public const string Protocol = "graphql-transport-ws";
    public const int MaxMessageBytes = 256 * 1024;
    public const string GoingAwayReason = "The server is shutting down.";
    public static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _closing = CancellationTokenSource.CreateLinkedTokenSource(upgrade.RequestAborted);
    private readonly ConcurrentDictionary<string, Operation> _operations = new();
    private SubscriberCredential? _credential;
    private bool _initReceived;
    private volatile bool _acknowledged;
    private volatile bool _closed;

    public ChangeFeed Feed { get; } = upgrade.RequestServices.GetRequiredService<ChangeFeed>();

    public Task<SignedInScope?> SignInAsync(CancellationToken ct) => _credential!.SignInAsync(ct);

    public Task RevokedAsync() => CloseAsync(4403, "Forbidden");

    public async Task RunAsync()
    {
        _ = CloseUnlessInitialisedAsync();
        // Also fires at once for a socket opened after the stop signal (during the drain): it goes away too.
        await using var goingAway = stopping.Register(() => _ = GoAwayAsync());
        try
        {
            while (await ReceiveAsync() is { } message)
                if (!_closed) await HandleAsync(message);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // the client went away, or did not answer our close in time
        }
        catch (Exception e)
        {
            logger.LogError(e, "A subscriber's connection failed.");
            await CloseAsync((int)WebSocketCloseStatus.InternalServerError, "Internal error");
        }
        finally
        {
            foreach (var operation in _operations.Values) operation.Dispose();
            _closing.Cancel();
        }
    }

    /// <summary>
    /// The host is stopping: the close frame goes out (after a message being sent, if any), the client's answer ends
    /// the receive loop, and <see cref="CloseAsync"/> bounds the wait for that answer. Runs off the thread that
    /// signalled the stop, and swallows what a socket already gone throws: nothing here is an error.
    /// </summary>
    private async Task GoAwayAsync()
    {
        await Task.Yield();
        try { await CloseAsync((int)WebSocketCloseStatus.EndpointUnavailable, GoingAwayReason); }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            logger.LogDebug(e, "A subscriber's socket was gone before the shutdown closed it.");
        }
    }

    private async Task CloseUnlessInitialisedAsync()
    {
        try
        {
            await Task.Delay(InitTimeout, _closing.Token);
            if (!_initReceived) await CloseAsync(4408, "Connection initialisation timeout");
        }
        catch (OperationCanceledException) { }
    }

    private async Task HandleAsync(string text)
    {
        JsonElement message;
        try { message = JsonDocument.Parse(text).RootElement; }
        catch (JsonException) { await CloseAsync(4400, "Invalid message received: not JSON."); return; }
        var type = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var t)
            && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "connection_init": await InitialiseAsync(message); break;
            case "ping": await SendAsync(new JsonObject { ["type"] = "pong" }.ToJsonString()); break;
            case "pong": break;
            case "subscribe": await SubscribeAsync(message); break;
            case "complete":
                if (Id(message) is not { } id) { await CloseAsync(4400, "Invalid message received: complete needs an id."); return; }
                if (_operations.TryRemove(id, out var operation)) operation.Dispose();
                break;
            default: await CloseAsync(4400, $"Invalid message received: unknown type '{type}'."); break;
        }
    }

    private async Task InitialiseAsync(JsonElement message)
    {
        if (_initReceived) { await CloseAsync(4429, "Too many initialisation requests"); return; }
        _initReceived = true;
        var payload = message.TryGetProperty("payload", out var p) ? p : default;
        if (payload.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            await CloseAsync(4400, "Invalid message received: the connection_init payload must be an object.");
            return;
        }
        string? authorization = null;
        if (payload.ValueKind == JsonValueKind.Object)
            foreach (var property in payload.EnumerateObject())
                if (property.NameEquals("Authorization") || property.NameEquals("authorization"))
                    authorization = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
        _credential = new SubscriberCredential(upgrade, authorization);
        await using (var signedIn = await _credential.SignInAsync(_closing.Token))
            if (signedIn is null) { await CloseAsync(4403, "Forbidden"); return; }
        // Acknowledge only once changes flow (on PostgreSQL, once this instance listens).
        try { await Feed.Live.WaitAsync(TimeSpan.FromSeconds(30), _closing.Token); }
        catch (TimeoutException) { await CloseAsync(1011, "Live updates are unavailable."); return; }
        await SendAsync(new JsonObject { ["type"] = "connection_ack" }.ToJsonString());
        _acknowledged = true;
    }

    private async Task SubscribeAsync(JsonElement message)
    {
        if (!_acknowledged) { await CloseAsync(4401, "Unauthorized"); return; }
        if (Id(message) is not { } id || !message.TryGetProperty("payload", out var payload)
            || GraphQLHttpRequest.FromJson(payload) is not ({ } request, _))
        {
            await CloseAsync(4400, "Invalid message received: subscribe needs an id and a payload with a query.");
            return;
        }
        var operation = new Operation(_closing.Token);
        if (!_operations.TryAdd(id, operation)) { await CloseAsync(4409, $"Subscriber for {id} already exists"); return; }
        try
        {
            await ExecuteAsync(id, request, operation);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            // completed by the client, or the connection closed
        }
    }

    private async Task ExecuteAsync(string id, GraphQLHttpRequest request, Operation operation)
    {
        await using var signedIn = await _credential!.SignInAsync(operation.Token);
        if (signedIn is null) { await RevokedAsync(); return; }
        var serializer = signedIn.Services.GetRequiredService<IGraphQLTextSerializer>();
        // The text to run is decided as over HTTP: a persisted operation's hash, and a trusted-only client's limits.
        var (query, refusal) = signedIn.Services.GetRequiredService<PersistedOperations>().Resolve(request, signedIn.User);
        var result = refusal is not null
            ? new ExecutionResult { Errors = [refusal], Executed = false }
            : await signedIn.Services.GetRequiredService<IDocumentExecuter<CrmSchema>>().ExecuteAsync(new ExecutionOptions
            {
                Query = query,
                OperationName = request.OperationName,
                Variables = request.Variables is { } v ? serializer.ReadNode<Inputs>(v) : null,
                Extensions = request.Extensions is { } e ? serializer.ReadNode<Inputs>(e) : null,
                RequestServices = signedIn.Services,
                User = signedIn.User,
                UserContext = new Dictionary<string, object?> { [ISubscriber.UserContextKey] = this },
                CancellationToken = operation.Token,
            });
        if (!result.Executed)
        {
            _operations.TryRemove(id, out _);
            var errors = JsonNode.Parse(serializer.Serialize(result))?["errors"]?.DeepClone() ?? new JsonArray();
            await SendAsync(new JsonObject { ["id"] = id, ["type"] = "error", ["payload"] = errors }.ToJsonString());
        }
        else if (result.Streams is { Count: > 0 } streams)
        {
            operation.Listen(streams.Values.First(), new Forwarder(this, id, serializer));
        }
        else
        {
            await SendNextAsync(id, serializer.Serialize(result));
            await CompleteAsync(id);
        }
    }

    private async Task SendNextAsync(string id, string result) =>
        await SendAsync($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"next","payload":{{result}}}""");

    private async Task CompleteAsync(string id)
    {
        if (_operations.TryRemove(id, out var operation)) operation.Dispose();
        await SendAsync(new JsonObject { ["id"] = id, ["type"] = "complete" }.ToJsonString());
    }

    private static string? Id(JsonElement message) =>
        message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text
            ? text : null;

    /// <summary>The next text message; null when the client closed (or after our close, once it answered).</summary>
    private async Task<string?> ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var frame = await socket.ReceiveAsync(buffer, _closing.Token);
            if (frame.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return null;
            }
            message.Write(buffer, 0, frame.Count);
            if (message.Length > MaxMessageBytes)
            {
                await CloseAsync((int)WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {MaxMessageBytes / 1024} KB.");
                return "";
            }
            if (frame.EndOfMessage) return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
        }
    }

    private async Task SendAsync(string text)
    {
        await _sending.WaitAsync(_closing.Token);
        try
        {
            if (!_closed) await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, _closing.Token);
        }
        finally { _sending.Release(); }
    }

    /// <summary>Sends the close frame, then waits (briefly) for the client's, so the code reaches it intact.</summary>
    private async Task CloseAsync(int code, string reason)
    {
        await _sending.WaitAsync(CancellationToken.None);
        try
        {
            if (_closed) return;
            _closed = true;
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        catch (WebSocketException e) { logger.LogDebug(e, "Closing a subscriber's socket failed."); }
        finally { _sending.Release(); }
        foreach (var operation in _operations.Values) operation.Dispose();
        _closing.CancelAfter(TimeSpan.FromSeconds(5));
    }

    /// <summary>One running operation; disposing it stops its event stream.</summary>
    private sealed class Operation(CancellationToken connection) : IDisposable
    {
        private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(connection);
        private IDisposable? _stream;

        public CancellationToken Token => _cancel.Token;

        public void Listen(IObservable<ExecutionResult> stream, IObserver<ExecutionResult> observer)
        {
            var subscription = stream.Subscribe(observer);
            if (Interlocked.CompareExchange(ref _stream, subscription, null) is not null || _cancel.IsCancellationRequested)
                subscription.Dispose();
        }

        public void Dispose()
        {
            _cancel.Cancel();
            Interlocked.Exchange(ref _stream, Stopped.Instance)?.Dispose();
        }

        private sealed class Stopped : IDisposable
        {
            public static readonly Stopped Instance = new();
            public void Dispose() { }
        }
    }

    /// <summary>Sends each event as a next message, in order (the send lock queues them first come, first served).</summary>
    private sealed class Forwarder(GraphQLWebSocketConnection connection, string id, IGraphQLTextSerializer serializer)
        : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => _ = Send(() => connection.SendNextAsync(id, serializer.Serialize(value)));

        public void OnError(Exception error) => _ = Send(() => connection.CompleteAsync(id));

        public void OnCompleted() => _ = Send(() => connection.CompleteAsync(id));

        private async Task Send(Func<Task> send)
        {
            try { await send(); }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Hosting;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Graph.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace JlnbCrm.Graph.Endpoint;

/// <summary>
/// GraphQL over HTTP (the GraphQL Foundation's specification): POST with application/json, GET for queries
/// only, application/graphql-response+json when the client accepts it (then a request that never executed
/// is 400), and 400/405/406/413/415 for requests that are not GraphQL requests at all.
/// </summary>
public static class GraphQLHttpEndpoint
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const int MaxBodyBytes = 256 * 1024;
    public const int MaxBatch = 10;

    public static void MapGraphQLEndpoint(this IEndpointRouteBuilder app, string path)
    {
        app.MapPost(path, HandlePostAsync);
        app.MapGet(path, HandleGetAsync);
        app.MapMethods(path, ["PUT", "PATCH", "DELETE"], (HttpContext http) => Refuse(http, 405, "Use POST (or GET for queries).", allow: "GET, POST"));
    }

    private static async Task HandlePostAsync(HttpContext http)
    {
        if (!await AuthenticatedAsync(http)) return;
        if (ResponseType(http) is not { } responseType) { await Refuse(http, 406, $"Accept {GraphQLResponse} or application/json."); return; }
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) || contentType.MediaType != "application/json")
        {
            await Refuse(http, 415, "Send the request as application/json.");
            return;
        }
        if (http.Request.ContentLength > MaxBodyBytes) { await Refuse(http, 413, $"The request body exceeds {MaxBodyBytes / 1024} KB."); return; }

        JsonDocument body;
        try
        {
            await using var limited = new LimitedStream(http.Request.Body, MaxBodyBytes);
            body = await JsonDocument.ParseAsync(limited, cancellationToken: http.RequestAborted);
        }
        catch (JsonException) { await Refuse(http, 400, "The request body is not valid JSON."); return; }
        catch (LimitedStream.TooLargeException) { await Refuse(http, 413, $"The request body exceeds {MaxBodyBytes / 1024} KB."); return; }

        using (body)
        {
            if (body.RootElement.ValueKind == JsonValueKind.Array)
            {
                await HandleBatchAsync(http, body.RootElement, responseType);
                return;
            }
            var (request, problem) = GraphQLHttpRequest.FromJson(body.RootElement);
            if (request is null) { await Refuse(http, 400, problem!); return; }
            var result = await ExecuteAsync(http, http.RequestServices, request, allowMutation: true);
            if (!await CredentialHeldAsync(http)) return;
            await WriteAsync(http, result!, responseType);
        }
    }

    private static async Task HandleGetAsync(HttpContext http)
    {
        if (!await AuthenticatedAsync(http)) return;
        if (ResponseType(http) is not { } responseType) { await Refuse(http, 406, $"Accept {GraphQLResponse} or application/json."); return; }
        var (request, problem) = GraphQLHttpRequest.FromQueryString(http.Request.Query);
        if (request is null) { await Refuse(http, 400, problem!); return; }
        var result = await ExecuteAsync(http, http.RequestServices, request, allowMutation: false);
        if (!await CredentialHeldAsync(http)) return;
        if (result is null) { await Refuse(http, 405, "Mutations must be sent with POST.", allow: "POST"); return; }
        await WriteAsync(http, result, responseType);
    }

    /// <summary>
    /// A JSON array of requests runs in order, each in its own scope (its own DbContext and loaders, so one
    /// operation's tracked rows never leak into the next), answered as an array. Every scope acts as the caller, and
    /// the batch shares one cost ceiling: each operation may spend only what the ones before it left.
    /// </summary>
    private static async Task HandleBatchAsync(HttpContext http, JsonElement batch, string responseType)
    {
        if (batch.GetArrayLength() is 0 or > MaxBatch) { await Refuse(http, 400, $"A batch holds 1 to {MaxBatch} requests."); return; }
        // The operations run in scopes of their own, which do not carry the request's check: it is made first.
        if (!await CredentialHeldAsync(http)) return;
        var results = new List<ExecutionResult>();
        var budget = QueryLimits.MaxCost(http.RequestServices.GetRequiredService<IConfiguration>());
        foreach (var item in batch.EnumerateArray())
        {
            var (request, problem) = GraphQLHttpRequest.FromJson(item);
            if (request is null) { await Refuse(http, 400, $"Batch item {results.Count}: {problem}"); return; }
            await using var scope = CallersScope(http);
            var userContext = new Dictionary<string, object?>();
            OperationCost.LimitTo(userContext, budget);
            var result = (await ExecuteAsync(http, scope.ServiceProvider, request, allowMutation: true, userContext))!;
            if (result.Executed) budget -= OperationCost.Spent(userContext);
            results.Add(result);
        }
        http.Response.ContentType = $"{responseType}; charset=utf-8";
        await http.RequestServices.GetRequiredService<IGraphQLTextSerializer>().WriteAsync(http.Response.Body, results, http.RequestAborted);
    }

    /// <summary>
    /// A fresh scope starts anonymous (<see cref="CurrentActor"/> is scoped and only the request's own scope
    /// went through <see cref="Identity.ActorMiddleware"/>), and anonymous sees no rows and is no admin: the
    /// caller, already checked by the middleware, is carried over so the row filters, row-level security and
    /// the admin-only rule see the same person as in a single request.
    /// </summary>
    private static AsyncServiceScope CallersScope(HttpContext http)
    {
        var caller = http.RequestServices.GetRequiredService<ICurrentActor>();
        var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>()
            .Become(new Actor(caller.UserId, caller.Role, caller.TeamId, caller.IsSystem));
        return scope;
    }

    /// <summary>
    /// Runs one request; returns null when it is a mutation that arrived by GET. The text comes from the request or
    /// from the persisted operation it names; every answer, refusals included, reports the operation's cost.
    /// </summary>
    private static async Task<ExecutionResult?> ExecuteAsync(HttpContext http, IServiceProvider services, GraphQLHttpRequest request,
        bool allowMutation, Dictionary<string, object?>? userContext = null)
    {
        userContext ??= [];
        var maxCost = QueryLimits.MaxCost(services.GetRequiredService<IConfiguration>());
        var (query, refusal) = services.GetRequiredService<PersistedOperations>().Resolve(request, http.User);
        if (refusal is not null) return new ExecutionResult { Errors = [refusal], Executed = false }.Report(userContext: null, maxCost);
        if (!allowMutation && IsMutation(query!, request.OperationName)) return null;
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        services.GetService<GraphQLCostBudget>()?.ChargeOperationsTo(userContext, RateLimitExtensions.Caller(http));
        using var activity = GraphQLTelemetry.StartActivity(request);
        var started = Stopwatch.GetTimestamp();
        var result = await services.GetRequiredService<IDocumentExecuter<CrmSchema>>().ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            OperationName = request.OperationName,
            Variables = request.Variables is { } v ? serializer.ReadNode<Inputs>(v) : null,
            Extensions = request.Extensions is { } e ? serializer.ReadNode<Inputs>(e) : null,
            RequestServices = services,
            User = http.User,
            UserContext = userContext,
            CancellationToken = http.RequestAborted,
        });
        services.GetRequiredService<GraphQLTelemetry>().Record(activity, request, result, Stopwatch.GetElapsedTime(started),
            OperationCost.Requested(userContext));
        if (GraphQLCostBudget.Refused(userContext) is { } retryAfter)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests; // in a batch: when any operation was refused
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return result.Report(userContext, maxCost);
    }

    private static bool IsMutation(string query, string? operationName)
    {
        try
        {
            var document = GraphQLParser.Parser.Parse(query);
            var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
            var chosen = operationName is { } name ? operations.FirstOrDefault(o => o.Name?.StringValue == name)
                : operations.Count == 1 ? operations[0] : null;
            return chosen?.Operation == OperationType.Mutation;
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException) { return false; } // the executor reports it
    }

    private static async Task WriteAsync(HttpContext http, ExecutionResult result, string responseType)
    {
        // With the GraphQL response media type, a request that never executed (syntax, validation,
        // variable errors) is a client error; with plain JSON, legacy clients expect 200 always.
        // A refusal for the caller's rate limit keeps its 429.
        if (responseType == GraphQLResponse && !result.Executed && http.Response.StatusCode != 429) http.Response.StatusCode = 400;
        http.Response.ContentType = $"{responseType}; charset=utf-8";
        await http.RequestServices.GetRequiredService<IGraphQLTextSerializer>().WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>The response media type from Accept: GraphQL's own type first, then JSON; null if neither is acceptable.</summary>
    private static string? ResponseType(HttpContext http)
    {
        var accept = http.Request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return "application/json";
        foreach (var type in accept.Where(a => a.Quality is null or > 0).OrderByDescending(a => a.Quality ?? 1))
        {
            if (type.MediaType == GraphQLResponse) return GraphQLResponse;
            if (type.MediaType == "application/json" || type.MediaType == "*/*" || type.MediaType == "application/*") return "application/json";
        }
        return null;
    }

    /// <summary>Every operation needs a signed-in, active user (a bearer token, or the site's cookie); otherwise 401.</summary>
    private static async Task<bool> AuthenticatedAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true) return true;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        await Refuse(http, 401, http.Items[Identity.ActorMiddleware.RefusedItem] as string
            ?? "Sign in first: send 'Authorization: Bearer <access token>'.", code: "AUTH_NOT_AUTHENTICATED");
        return false;
    }

    /// <summary>
    /// The credential check that travelled with the request's first statement (or, if none was sent, runs now): when
    /// it failed, whatever was executed is thrown away and the answer is 401, as when the middleware refuses it.
    /// </summary>
    private static async Task<bool> CredentialHeldAsync(HttpContext http)
    {
        var check = http.RequestServices.GetRequiredService<JlnbCrm.Users.CredentialCheck>();
        if (await check.EnsureAsync(http.RequestServices.GetRequiredService<JlnbCrm.Database.CrmDbContext>(), http.RequestAborted))
            return true;
        http.Response.Headers.Remove(HeaderNames.RetryAfter);
        if (!http.Request.Headers.Authorization.Any())
            await http.SignOutAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        await Refuse(http, 401, new JlnbCrm.Users.CredentialRefusedException().Message, code: "AUTH_NOT_AUTHENTICATED");
        return false;
    }

    private static Task Refuse(HttpContext http, int status, string message, string? allow = null, string code = "BAD_REQUEST")
    {
        http.Response.StatusCode = status;
        if (allow is not null) http.Response.Headers.Allow = allow;
        return http.Response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code } } } },
            http.RequestAborted);
    }
}

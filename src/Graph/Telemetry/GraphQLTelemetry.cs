using System.Diagnostics;
using System.Diagnostics.Metrics;
using GraphQL;
using JlnbCrm.Graph.Endpoint;

namespace JlnbCrm.Graph.Telemetry;

/// <summary>
/// One span and one measurement per GraphQL operation, so a dashboard shows which operations are slow or failing
/// (an HTTP span alone says only "POST /graphql"): <c>crm.graphql.operation.duration</c> (seconds, a histogram, so
/// also the count), <c>crm.graphql.operation.cost</c> (the <see cref="Hosting.OperationCost"/> validation computed,
/// also the span's <c>graphql.operation.cost</c>; absent for a request that never got that far, such as a syntax
/// error) and <c>crm.graphql.operation.errors</c> (by error code), all tagged with the operation's name
/// and type. Names come from clients: they are cut to <see cref="MaxNameLength"/> characters, and an operation
/// without one is "anonymous", so a careless client cannot flood the metric store with series.
/// </summary>
public sealed class GraphQLTelemetry
{
    public const string Name = "JlnbCrm.GraphQL";
    public const int MaxNameLength = 64;

    private static readonly ActivitySource Source = new(Name);

    private readonly Histogram<double> _duration;
    private readonly Histogram<int> _cost;
    private readonly Counter<long> _errors;

    public GraphQLTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _duration = meter.CreateHistogram<double>("crm.graphql.operation.duration", "s",
            "Time to execute one GraphQL operation (parse, validation, resolvers).");
        _cost = meter.CreateHistogram<int>("crm.graphql.operation.cost", "{cost}",
            "The cost of one GraphQL operation, as reported in extensions.cost.requestedCost (what the rate limit charges).");
        _errors = meter.CreateCounter<long>("crm.graphql.operation.errors", "{error}",
            "Errors in GraphQL responses, by operation and error code.");
    }

    /// <summary>The operation's span (a child of the HTTP request's); null when nobody listens.</summary>
    public static Activity? StartActivity(GraphQLHttpRequest request)
    {
        var activity = Source.StartActivity("graphql " + OperationName(request.OperationName));
        activity?.SetTag("graphql.operation.name", OperationName(request.OperationName));
        return activity;
    }

    public void Record(Activity? activity, GraphQLHttpRequest request, ExecutionResult result, TimeSpan elapsed, int? cost)
    {
        var name = OperationName(result.Operation?.Name?.StringValue ?? request.OperationName);
        var type = result.Operation?.Operation.ToString().ToLowerInvariant() ?? "unknown";
        var tags = new TagList { { "graphql.operation.name", name }, { "graphql.operation.type", type } };
        _duration.Record(elapsed.TotalSeconds, tags);
        if (cost is { } spent) _cost.Record(spent, tags);
        foreach (var error in result.Errors ?? [])
        {
            var withCode = tags;
            withCode.Add("error.code", error.Code ?? "UNKNOWN");
            _errors.Add(1, withCode);
        }
        if (activity is null) return;
        activity.DisplayName = $"{type} {name}";
        activity.SetTag("graphql.operation.name", name);
        activity.SetTag("graphql.operation.type", type);
        if (cost is { } known) activity.SetTag("graphql.operation.cost", known);
        if (result.Errors is { Count: > 0 } errors)
        {
            activity.SetStatus(ActivityStatusCode.Error, errors[0].Code ?? errors[0].Message);
            activity.SetTag("error.type", errors[0].Code ?? "UNKNOWN");
        }
    }

    private static string OperationName(string? name) =>
        string.IsNullOrEmpty(name) ? "anonymous" : name.Length <= MaxNameLength ? name : name[..MaxNameLength];
}

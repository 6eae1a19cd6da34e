using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Endpoint;
using JlnbCrm.Graph.Filtering;
using JlnbCrm.Graph.Schema;

namespace JlnbCrm.Graph.Hosting;

public static class GraphExtensions
{
    public static void AddCrmGraph(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => new FilterModel(CrmDatabase.Open(sp.GetRequiredService<CrmStore>()).Model));
        services.AddSingleton<FilterBuilder>();
        services.AddSingleton<FilterInputTypes>();
        services.AddSingleton<Aggregates.AggregateModel>();
        services.AddSingleton<Aggregates.AggregateGraphTypes>();
        services.AddScoped<RequestLoaders>();
        services.AddSingleton<PersistedOperations>();
        services.AddSingleton<GraphQL.DI.IConfigureExecution, ValidatedDocuments>();
        services.AddGraphQL(graph => graph
            .AddSchema<CrmSchema>()
            .AddGraphTypes(typeof(CrmSchema).Assembly)
            .AddSystemTextJson()
            // One DbContext serves the whole request, so resolvers run one at a time; batch loaders keep it to few queries.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddExecutionStrategy(new Subscriptions.EventScopeStrategy(), OperationType.Subscription)
            .AddComplexityAnalyzer(QueryLimits.Configure)
            .AddValidationRule<Authorization.AdminOnlyFieldsRule>()
            .AddUnhandledExceptionHandler(context =>
            {
                if (context.OriginalException is RuleViolationException refusal)
                    context.Exception = new ExecutionError(refusal.Message) { Code = refusal.Errors[0].Code };
                else
                    context.Context?.RequestServices?.GetRequiredService<ILoggerFactory>().CreateLogger("GraphQL")
                        .LogError(context.OriginalException, "A GraphQL resolver failed.");
            }));
    }

    public static void MapCrmGraphQL(this WebApplication app) => app.MapGraphQLEndpoint("/graphql");

    /// <summary>GraphiQL at /graphql/ui, from the app's own static files (wwwroot/graphql-ui and wwwroot/lib).</summary>
    public static void MapGraphQLIde(this WebApplication app)
    {
        var page = app.Environment.WebRootFileProvider.GetFileInfo("graphql-ui/index.html");
        app.MapGet("/graphql/ui", (HttpContext http) => http.User.Identity?.IsAuthenticated == true
            ? Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8")
            : Results.Challenge()); // to the sign-in page and back
    }
}

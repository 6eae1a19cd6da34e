using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// The API's one limit model: a depth ceiling and a cost ceiling (<see cref="OperationCost"/>, GitHub-style: page
/// sizes multiply what they select), both checked once per operation before anything runs. IDEs' standard
/// introspection query nests type references 15 deep and reads the schema, not the database, so introspection-only
/// operations get their own (still bounded) ceilings: analysts need introspection, and a hand-made recursive
/// introspection query must not be free either. An operation within both is then charged to its caller's
/// per-minute budget (<see cref="GraphQLCostBudget"/>).
/// </summary>
public static class QueryLimits
{
    public const int MaxDepth = 12;
    public const int MaxIntrospectionDepth = 16;
    /// <summary><c>Crm:GraphQL:MaxCost</c>; about 100 rows with a nested page of 100 each, or 1,000 rows of 50.</summary>
    public const int DefaultMaxCost = 50_000;
    /// <summary>The standard IDE introspection query costs about 1.05 million by the list rule (20 rows per list).</summary>
    public const int MaxIntrospectionCost = 5_000_000;
    public const string MaxCostKey = "Crm:GraphQL:MaxCost";

    /// <summary>The configured ceiling for ordinary operations (a positive number; anything else falls back to the default).</summary>
    public static int MaxCost(IConfiguration configuration) =>
        configuration.GetValue<int?>(MaxCostKey) is int configured and > 0 ? configured : DefaultMaxCost;

    public static void Configure(ComplexityOptions options, IServiceProvider services)
    {
        var maxCost = MaxCost(services.GetRequiredService<IConfiguration>());
        // The built-in checks cannot tell introspection apart, so both ceilings are applied here.
        options.MaxDepth = null;
        options.MaxComplexity = null;
        options.DefaultListImpactMultiplier = OperationCost.UnpagedListSize;
        options.DefaultComplexityImpactDelegate = OperationCost.OfField;
        options.ValidateComplexityDelegate = context =>
        {
            var introspection = IsIntrospectionOnly(context.ValidationContext.Operation);
            // In a batch the operations share one ceiling: an operation gets what the earlier ones left.
            var left = OperationCost.BudgetLeft(context.ValidationContext.UserContext);
            var (depth, ceiling) = introspection ? (MaxIntrospectionDepth, MaxIntrospectionCost)
                : (MaxDepth, Math.Max(0, Math.Min(maxCost, left ?? maxCost)));
            var cost = (int)Math.Min(int.MaxValue, Math.Ceiling(context.TotalImpact));
            // The answer reports the endpoint's ceiling (a batch's operations read alike); the message says what a batch left.
            OperationCost.Record(context.ValidationContext.UserContext, cost, introspection ? MaxIntrospectionCost : maxCost);
            if (context.MaxDepth > depth)
                context.Error = new ComplexityError(
                    $"Query is too nested to execute. Its depth is {context.MaxDepth} levels; the maximum allowed on this endpoint is {depth}.");
            else if (cost > ceiling)
                context.Error = new ComplexityError(
                    $"Query is too costly to execute: its cost is {cost:N0}; the maximum allowed is {ceiling:N0}"
                    + (ceiling < maxCost && !introspection ? $" (what the batch's earlier operations left of {maxCost:N0})" : "")
                    + ". Ask for smaller pages or fewer nested lists.");
            else
                context.Error = GraphQLCostBudget.ChargeOperation(context.ValidationContext.UserContext, cost, introspection);
            return Task.CompletedTask;
        };
    }

    private static bool IsIntrospectionOnly(GraphQLOperationDefinition operation) =>
        operation.Operation == OperationType.Query &&
        operation.SelectionSet.Selections.All(s => s is GraphQLField field && field.Name.StringValue.StartsWith("__"));
}

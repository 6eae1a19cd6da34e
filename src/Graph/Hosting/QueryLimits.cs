using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// Depth and complexity ceilings, in the spirit of GitHub's API limits. IDEs' standard introspection query
/// nests type references 15 deep, so introspection-only operations get their own (still bounded) ceilings:
/// analysts need introspection, and a hand-made recursive introspection query must not be free either.
/// </summary>
public static class QueryLimits
{
    public const int MaxDepth = 12;
    public const int MaxComplexity = 250_000;
    public const int MaxIntrospectionDepth = 16;
    public const int MaxIntrospectionComplexity = 5_000_000;

    public static void Configure(ComplexityOptions options)
    {
        // The built-in checks cannot tell introspection apart, so both ceilings are applied here.
        options.MaxDepth = null;
        options.MaxComplexity = null;
        options.ValidateComplexityDelegate = context =>
        {
            var introspection = IsIntrospectionOnly(context.ValidationContext.Operation);
            var (depth, complexity) = introspection ? (MaxIntrospectionDepth, MaxIntrospectionComplexity) : (MaxDepth, MaxComplexity);
            if (context.MaxDepth > depth)
                context.Error = new ComplexityError(
                    $"Query is too nested to execute. Its depth is {context.MaxDepth} levels; the maximum allowed on this endpoint is {depth}.");
            else if (context.TotalImpact > complexity)
                context.Error = new ComplexityError(
                    $"Query is too complex to execute: it could return about {context.TotalImpact:N0} values; the maximum allowed is {complexity:N0}. Ask for smaller pages or fewer nested lists.");
            return Task.CompletedTask;
        };
    }

    private static bool IsIntrospectionOnly(GraphQLOperationDefinition operation) =>
        operation.Operation == OperationType.Query &&
        operation.SelectionSet.Selections.All(s => s is GraphQLField field && field.Name.StringValue.StartsWith("__"));
}

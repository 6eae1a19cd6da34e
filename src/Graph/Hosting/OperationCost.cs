using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using JlnbCrm.Graph.Paging;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// What an operation costs, computed once before it runs by GraphQL.NET's complexity visitor (which follows
/// fragments, variables and @skip/@include) with this per-field rule — GitHub's node limit, generically over every
/// field taking <c>first</c>/<c>last</c>, so new connections and nested lists need nothing here:
/// <list type="bullet">
/// <item>a field returning an object (or a list of them) costs 1: a resolver that may query; leaf values cost
/// nothing (they come with their row), except <c>totalCount</c> (a count query): 1;</item>
/// <item>the rows a field may return are its <c>first</c>/<c>last</c> (capped at the page maximum, which the pager
/// enforces anyway), else its declared default, else <see cref="PageSize.Default"/>; a list without page arguments
/// is assumed to hold <see cref="UnpagedListSize"/>;</item>
/// <item>a list costs 1 more per row and multiplies its selection by its rows; a connection (an object taking a
/// page) passes its rows on to its <c>items</c> (1 per row) or <c>edges</c> (free, as is <c>pageInfo</c>; each
/// edge's <c>node</c> then costs 1);</item>
/// <item>a field may declare its own cost with GraphQL.NET's <c>WithComplexityImpact</c>, which wins.</item>
/// </list>
/// So <c>clients(first: 50) { edges { node { name interactions(first: 5) { details } } } }</c> costs
/// 1 + 50 × (1 + (1 + 5)) = 351.
/// </summary>
public static class OperationCost
{
    /// <summary>The rows assumed for a list that takes no page size (reference lists, introspection).</summary>
    public const int UnpagedListSize = PageSize.Default;
    private const string Key = "crm:cost";
    private const string BudgetKey = "crm:cost-budget";

    public static FieldComplexityResult OfField(FieldImpactContext context)
    {
        var isList = IsList(context.FieldDefinition);
        var named = context.FieldDefinition.ResolvedType?.GetNamedType();
        if (named is ScalarGraphType or EnumerationGraphType)
            return new(context.FieldDefinition.Name == "totalCount" ? 1 : 0, 1);
        var own = named is { Name: var name } && (name.EndsWith("Edge", StringComparison.Ordinal) || name == "PageInfo") ? 0 : 1;

        var page = PageOf(context);
        if (isList && page is { } rows) return new(own + rows, rows); // a nested list: client.interactions(first: 5)
        if (!isList) return new(own, 1); // objects, and connections: their edges or items carry the page
        // A connection's edges or items: the connection's page (each edge's node then costs 1 per row).
        if (context.Parent is { } parent && !IsList(parent.FieldDefinition) && PageOf(parent) is { } parentRows)
            return new(own == 0 ? 0 : parentRows, parentRows);
        return new(own + UnpagedListSize, UnpagedListSize);
    }

    private static bool IsList(FieldType field) =>
        (field.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : field.ResolvedType) is ListGraphType;

    /// <summary>The rows a field with <c>first</c>/<c>last</c> may return; null for a field without them.</summary>
    private static int? PageOf(FieldImpactContext context)
    {
        var (first, last) = (context.FieldDefinition.Arguments?.Find("first"), context.FieldDefinition.Arguments?.Find("last"));
        if (first is null && last is null) return null;
        var requested = context.GetArgument<int?>("first") ?? context.GetArgument<int?>("last")
            ?? first?.DefaultValue as int? ?? last?.DefaultValue as int?
            ?? context.FieldDefinition.GetMetadata<int?>(Schema.ConnectionFields.DefaultPageSizeKey) ?? PageSize.Default;
        return Math.Clamp(requested, 0, PageSize.Max);
    }

    /// <summary>
    /// A batch (several operations in one HTTP request) is priced as a whole: each operation may cost only what the
    /// earlier ones left of the ceiling, so a batch cannot run ten times what one request may.
    /// </summary>
    public static void LimitTo(IDictionary<string, object?> userContext, int budgetLeft) => userContext[BudgetKey] = budgetLeft;

    /// <summary>What is left of a batch's ceiling for this operation; null outside a batch.</summary>
    public static int? BudgetLeft(IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(BudgetKey, out var left) && left is int value ? value : null;

    /// <summary>What an operation that ran was priced at (0 when it never reached the cost analysis).</summary>
    public static int Spent(IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(Key, out var recorded) && recorded is (int cost, int _) ? cost : 0;

    /// <summary>Kept in the request's user context by the validation, for the response's <c>extensions.cost</c>.</summary>
    public static void Record(IDictionary<string, object?> userContext, int cost, int ceiling) => userContext[Key] = (cost, ceiling);

    /// <summary>The cost the validation computed for this request's operation; null when it never got that far.</summary>
    public static int? Requested(IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(Key, out var recorded) && recorded is (int cost, int _) ? cost : null;

    /// <summary>
    /// Adds <c>extensions.cost</c> (<c>requestedCost</c>, <c>maxCost</c>) to a response. A request that never reached
    /// the cost analysis (a syntax or validation error, an unknown persisted operation) requested nothing: 0.
    /// </summary>
    public static ExecutionResult Report(this ExecutionResult result, IDictionary<string, object?>? userContext, int maxCost)
    {
        var (cost, ceiling) = userContext?.TryGetValue(Key, out var recorded) == true && recorded is (int c, int m) ? (c, m) : (0, maxCost);
        result.Extensions ??= new();
        result.Extensions["cost"] = new Dictionary<string, object?> { ["requestedCost"] = cost, ["maxCost"] = ceiling };
        return result;
    }
}

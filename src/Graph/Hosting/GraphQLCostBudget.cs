using System.Threading.RateLimiting;
using GraphQL.Validation;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// GraphQL's one rate limit: each caller (<c>Crm:RateLimits:GraphQLCostPerUser</c>, per signed-in user) may spend so
/// much <see cref="OperationCost"/> per window. A request is charged in two steps on the same budget: 1 when it
/// arrives (before anything is parsed, so a flood of broken requests is limited too; see
/// <see cref="RateLimitExtensions"/>) and the rest of its operation's cost once validation has computed it, before
/// anything runs. A refused operation spends nothing and gets 429, <c>Retry-After</c> and <c>RATE_LIMITED</c>.
/// The budget is per instance, like every limit of the rate limiter.
/// </summary>
public sealed class GraphQLCostBudget(RateLimitSettings settings) : IDisposable
{
    private readonly RateLimit _limit = settings.GraphQLCostPerUser;

    public const string RateLimitedCode = RateLimitExtensions.RateLimitedCode;
    private const string CallerKey = "crm:budget", RefusalKey = "crm:budget-refused";

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(caller =>
        RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.GraphQLCostPerUser.PermitLimit, Window = settings.GraphQLCostPerUser.Window,
            QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>
    /// Takes <paramref name="cost"/> from the caller's budget, or nothing when that much is not left. An operation
    /// costing more than a whole window's budget takes all of it (it would otherwise never run).
    /// </summary>
    public RateLimitLease Charge(string caller, int cost) =>
        _limiter.AttemptAcquire(caller, Math.Clamp(cost, 1, _limit.PermitLimit));

    /// <summary>Makes the validation of this request's operations charge <paramref name="caller"/>'s budget.</summary>
    public void ChargeOperationsTo(IDictionary<string, object?> userContext, string caller)
    {
        if (settings.Enabled) userContext[CallerKey] = (this, caller);
    }

    /// <summary>
    /// Called by the validation once the cost is known: charges the rest of it (the request's first unit was
    /// charged on arrival); a validation error with <c>RATE_LIMITED</c> when the budget cannot pay. Introspection
    /// reads the schema, not the database, and an IDE sends it on its own: it pays only its first unit.
    /// </summary>
    public static ValidationError? ChargeOperation(IDictionary<string, object?> userContext, int cost, bool introspection)
    {
        if (!userContext.TryGetValue(CallerKey, out var charged) || charged is not (GraphQLCostBudget budget, string caller))
            return null; // limits off, or an operation with no caller (the schema's own tools)
        userContext.Remove(CallerKey); // one charge per request
        if (cost <= 1 || introspection) return null;
        using var lease = budget.Charge(caller, cost - 1);
        if (lease.IsAcquired) return null;
        var seconds = RetryAfterSeconds(lease);
        userContext[RefusalKey] = seconds;
        return new ValidationError($"Rate limit reached: this operation costs {cost:N0} and less is left of your "
            + $"budget of {budget.Limit.PermitLimit:N0} per {budget.Limit.WindowSeconds} s; try again in {seconds} seconds.")
        { Code = RateLimitedCode };
    }

    /// <summary>The seconds to wait when the validation refused this request's operation for its cost; else null.</summary>
    public static int? Refused(IDictionary<string, object?> userContext) =>
        userContext.TryGetValue(RefusalKey, out var seconds) ? seconds as int? : null;

    public static int RetryAfterSeconds(RateLimitLease lease)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
    }

    public RateLimit Limit => _limit;

    public void Dispose() => _limiter.Dispose();
}

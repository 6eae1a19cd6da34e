namespace JlnbCrm.Domain;

/// <summary>A refusal the user can act on: a stable code, a sentence, and the input field it concerns.</summary>
public sealed record RuleError(string Code, string Message, string? Field = null);

/// <summary>Thrown by domain objects and services when a request breaks a business rule.</summary>
public sealed class RuleViolationException(IReadOnlyList<RuleError> errors, Exception? inner = null)
    : Exception(string.Join("; ", errors.Select(e => e.Message)), inner)
{
    public RuleViolationException(string code, string message, string? field = null)
        : this([new RuleError(code, message, field)]) { }

    public IReadOnlyList<RuleError> Errors { get; } = errors;
}

/// <summary>The error codes clients can switch on; the same in GraphQL payloads and page forms.</summary>
public static class ErrorCodes
{
    public const string Required = "REQUIRED";
    public const string Invalid = "INVALID";
    public const string InvalidPan = "INVALID_PAN";
    public const string Duplicate = "DUPLICATE";
    /// <summary>A new reference's PAN or mobile matches a client or an open reference; resend with "add anyway".</summary>
    public const string PossibleDuplicate = "POSSIBLE_DUPLICATE";
    public const string IllegalTransition = "ILLEGAL_TRANSITION";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string InUse = "IN_USE";
    public const string Forbidden = "AUTH_NOT_AUTHORIZED";
    /// <summary>No operations desk receives this kind of service request yet (an admin sets desks up).</summary>
    public const string NoDesk = "NO_DESK";
    /// <summary>The client withdrew the consent this action needs (marketing: no cross-sell references).</summary>
    public const string ConsentWithdrawn = "CONSENT_WITHDRAWN";
}

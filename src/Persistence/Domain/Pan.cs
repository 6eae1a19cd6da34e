using System.Text.RegularExpressions;

namespace JlnbCrm.Domain;

/// <summary>India's Permanent Account Number: five letters, four digits, one letter (AAAAA9999A).</summary>
public static partial class Pan
{
    public const string Pattern = "^[A-Z]{5}[0-9]{4}[A-Z]$";

    [GeneratedRegex(Pattern)]
    private static partial Regex Format();

    public static bool IsValid(string? pan) => pan is not null && Format().IsMatch(pan);

    /// <summary>Trims and upper-cases, then refuses anything that is not a PAN.</summary>
    public static string Parse(string? raw, string field = "pan")
    {
        var pan = raw?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(pan))
            throw new RuleViolationException(ErrorCodes.Required, "PAN is required.", field);
        if (!IsValid(pan))
            throw new RuleViolationException(ErrorCodes.InvalidPan, $"'{raw}' is not a valid PAN: expected five letters, four digits and a letter (e.g. ABCDE1234F).", field);
        return pan;
    }

    public static string? ParseOptional(string? raw, string field = "pan") =>
        string.IsNullOrWhiteSpace(raw) ? null : Parse(raw, field);
}

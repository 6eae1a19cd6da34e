namespace JlnbCrm.Domain;

/// <summary>Input checks shared by the domain objects; each failure names the field it concerns.</summary>
internal static class Guard
{
    public static string Required(string? value, string field, int maxLength = 200)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw new RuleViolationException(ErrorCodes.Required, $"{Label(field)} is required.", field);
        return MaxLength(trimmed, field, maxLength)!;
    }

    public static string? Optional(string? value, string field, int maxLength = 200)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : MaxLength(trimmed, field, maxLength);
    }

    public static string? Email(string? value, string field)
    {
        var email = Optional(value, field, 254)?.ToLowerInvariant();
        if (email is not null && (email.IndexOf('@') is < 1 || email.EndsWith('@') || email.Contains(' ')))
            throw new RuleViolationException(ErrorCodes.Invalid, $"'{value}' is not an email address.", field);
        return email;
    }

    public static string? Mobile(string? value, string field)
    {
        var mobile = Optional(value, field, 20);
        if (mobile is null) return null;
        var digits = new string(mobile.Where(char.IsDigit).ToArray());
        if (digits.Length is < 10 or > 13 || mobile.Any(c => !char.IsDigit(c) && c is not ('+' or ' ' or '-')))
            throw new RuleViolationException(ErrorCodes.Invalid, $"'{value}' is not a mobile number (10 digits, optionally with +91).", field);
        return mobile;
    }

    private static string? MaxLength(string? value, string field, int max) =>
        value is { Length: var n } && n > max
            ? throw new RuleViolationException(ErrorCodes.Invalid, $"{Label(field)} must be at most {max} characters.", field)
            : value;

    private static string Label(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}

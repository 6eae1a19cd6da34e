namespace JlnbCrm.Domain;

/// <summary>
/// Text a person gives to find rows: the search boxes and every string filter value of the API. Control
/// characters are refused with <see cref="ErrorCodes.Invalid"/> naming the field: a NUL made SQLite's LIKE match
/// every row (the pattern ends at the NUL) and PostgreSQL reject the statement, and nobody types the others.
/// Tab, line feed and carriage return are allowed: stored text (details, notes, addresses) holds line breaks and
/// tabs, and a filter must be able to find it. Unpaired surrogates are not text at all and are refused too.
/// </summary>
public static class SearchText
{
    /// <summary>Returns <paramref name="value"/> when it may be searched for; otherwise refuses it.</summary>
    public static string? Require(string? value, string field)
    {
        if (value is null) return null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c) || char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                throw new RuleViolationException(ErrorCodes.Invalid,
                    $"'{field}' holds the control character U+{(int)c:X4}; besides printable characters, "
                    + "search text may hold only tabs and line breaks.", field);
        }
        return value;
    }
}

using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using JlnbCrm.Domain;

namespace JlnbCrm.Paging;

/// <summary>
/// An opaque keyset cursor: the row's sort-key values (ending with its id) and the order they belong to,
/// so a cursor used with a different <c>order</c> is refused instead of silently skipping rows.
/// </summary>
public static class Cursor
{
    internal static string Encode(IReadOnlyList<SortTerm> keys, IReadOnlyList<object?> values)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new CursorPayload(Signature(keys), values.Select(Write).ToArray()));
        return Base64Url.EncodeToString(payload);
    }

    /// <summary>
    /// The sort values a cursor holds, typed for <paramref name="keys"/>. Cursors come back from clients, so
    /// anything this method did not write itself (not base64, not JSON, the wrong shape or element count, a
    /// null for a key that cannot be null, a value that does not parse as its key's type or overflows it, text
    /// PostgreSQL cannot store) is refused as <see cref="InvalidCursor"/> naming <paramref name="argument"/>, never let
    /// through to fail later. A null is a value only for a key that can be null (its rows sort last).
    /// </summary>
    internal static object?[] Decode(string cursor, IReadOnlyList<SortTerm> keys, string argument = "after")
    {
        CursorPayload? payload;
        try { payload = JsonSerializer.Deserialize<CursorPayload>(Base64Url.DecodeFromChars(cursor)); }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException) { payload = null; }
        if (payload?.K is null || payload.K.Length != keys.Count)
            throw Invalid(argument, "is not a cursor from this list");
        if (payload.O != Signature(keys))
            throw Invalid(argument, "belongs to a different order; page again from the start with the new order");
        return keys.Select((key, i) => payload.K[i] is null && key.Nullable ? null
            : Read(payload.K[i], key.CursorType) ?? throw Invalid(argument, "is damaged")).ToArray();
    }

    private static string Signature(IReadOnlyList<SortTerm> keys) =>
        string.Join(",", keys.Select(k => $"{k.Key.Member}{(k.Descending ? '-' : '+')}"));

    private static string? Write(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A key's value, or null when the text is missing or is not one.</summary>
    private static object? Read(string? text, Type type)
    {
        if (text is null) return null;
        try
        {
            if (type == typeof(string)) return text.Contains('\0') ? null : text; // PostgreSQL text cannot hold NUL
            if (type == typeof(DateTime)) return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (type == typeof(DateOnly)) return DateOnly.Parse(text, CultureInfo.InvariantCulture);
            return Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException or ArgumentException)
        {
            return null;
        }
    }

    private static RuleViolationException Invalid(string argument, string why) =>
        new(InvalidCursor, $"The cursor in '{argument}' {why}.", argument);

    public const string InvalidCursor = "INVALID_CURSOR";

    private sealed record CursorPayload(string O, string?[] K);
}

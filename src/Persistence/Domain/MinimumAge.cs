namespace JlnbCrm.Domain;

/// <summary>
/// The list filters' "at least this many days old" (queries, service requests). A number of days comes from the
/// address, so it is bounded before it reaches a date: a hundred years is more than any record's age, and
/// <c>DateTime.AddDays</c> with a larger number throws instead of answering.
/// </summary>
public static class MinimumAge
{
    public const int MaxDays = 36500;

    /// <summary>The latest creation time a record <paramref name="days"/> old can have, or null without a filter.</summary>
    public static DateTime? CreatedAtOrBefore(int? days, DateTime utcNow, string field = "age") => days switch
    {
        null => null,
        < 0 or > MaxDays => throw new RuleViolationException(ErrorCodes.Invalid,
            $"'{field}' must be a number of days from 0 to {MaxDays}.", field),
        { } valid => utcNow.AddDays(-valid),
    };
}

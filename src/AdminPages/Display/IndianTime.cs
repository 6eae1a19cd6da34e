using System.Globalization;

namespace JlnbCrm.AdminPages.Display;

/// <summary>Times are stored in UTC and shown to staff in India Standard Time, the firm's clock.</summary>
public static class IndianTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    private static readonly CultureInfo India = CultureInfo.GetCultureInfo("en-IN");

    public static DateTime ToIst(this DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>"25 Nov 2026, 14:05 IST".</summary>
    public static string Show(this DateTime utc) => utc.ToIst().ToString("d MMM yyyy, HH:mm", India) + " IST";

    public static string Show(this DateTime? utc) => utc is { } value ? value.Show() : "—";

    public static string Show(this DateOnly date) => date.ToString("d MMM yyyy", India);

    public static string Show(this DateOnly? date) => date is { } value ? value.Show() : "—";

    /// <summary>
    /// The UTC instant a date picked on a form (an Indian calendar day) starts. Dates come from the address, so the
    /// calendar's ends are clamped rather than converted (1 Jan 0001 IST starts before DateTime can count).
    /// </summary>
    public static DateTime StartOfDayUtc(DateOnly day) => day == DateOnly.MinValue
        ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc)
        : TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone);

    /// <summary>The UTC instant an Indian calendar day ends (exclusive): a "to" date filter's bound.</summary>
    public static DateTime EndOfDayUtc(DateOnly day) => day == DateOnly.MaxValue
        ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc)
        : StartOfDayUtc(day.AddDays(1));

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.ToIst());
}

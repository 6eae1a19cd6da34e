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

    /// <summary>The UTC instant a date picked on a form (an Indian calendar day) starts.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.ToIst());
}

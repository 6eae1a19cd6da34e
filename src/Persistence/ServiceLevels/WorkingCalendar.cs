namespace JlnbCrm.ServiceLevels;

/// <summary>
/// The firm's working calendar, kept in India time (Asia/Kolkata, no daylight saving): every day is a working day
/// except Sundays and the firm's holidays. Pure: the holiday list is passed in, so it is unit-tested without a database.
/// </summary>
public static class WorkingCalendar
{
    public static readonly TimeZoneInfo India = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    /// <summary>
    /// When the office opens. Work that arrives on a Sunday or holiday starts its clock at this time on the next
    /// working day, so a request raised on a Sunday evening is not already half a day late by Monday morning.
    /// </summary>
    public static readonly TimeOnly DayStarts = new(9, 30);

    public static bool IsWorkingDay(DateOnly date, IReadOnlySet<DateOnly> holidays) =>
        date.DayOfWeek != DayOfWeek.Sunday && !holidays.Contains(date);

    /// <summary>
    /// N working days after <paramref name="startUtc"/>: the same India clock time on the N-th working day after the
    /// start's date (Monday 10:00 + 2 = Wednesday 10:00). A start on a non-working day counts from the next working
    /// day's opening (Sunday 18:00 + 1 = Tuesday 09:30).
    /// </summary>
    public static DateTime AddWorkingDays(DateTime startUtc, int workingDays, IReadOnlySet<DateOnly> holidays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var local = ToIndia(startUtc);
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        if (!IsWorkingDay(date, holidays))
        {
            date = NextWorkingDay(date, holidays);
            time = DayStarts;
        }
        for (var i = 0; i < workingDays; i++) date = NextWorkingDay(date, holidays);
        return TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time), India);
    }

    /// <summary>India's calendar date at an instant.</summary>
    public static DateOnly DateInIndia(DateTime utc) => DateOnly.FromDateTime(ToIndia(utc));

    /// <summary>The UTC instant India's next day begins: the end of "today" for due-today.</summary>
    public static DateTime EndOfIndianDay(DateTime utc) =>
        TimeZoneInfo.ConvertTimeToUtc(DateInIndia(utc).AddDays(1).ToDateTime(TimeOnly.MinValue), India);

    private static DateOnly NextWorkingDay(DateOnly date, IReadOnlySet<DateOnly> holidays)
    {
        do date = date.AddDays(1); while (!IsWorkingDay(date, holidays));
        return date;
    }

    private static DateTime ToIndia(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), India);
}

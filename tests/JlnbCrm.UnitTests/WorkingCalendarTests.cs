using JlnbCrm.ServiceLevels;

namespace JlnbCrm.UnitTests;

public sealed class WorkingCalendarTests
{
    private static readonly HashSet<DateOnly> NoHolidays = [];

    /// <summary>An India clock time as UTC (IST is UTC+05:30 all year).</summary>
    private static DateTime Ist(int year, int month, int day, int hour, int minute = 0) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-5.5);

    [Fact]
    public void Two_working_days_after_Monday_morning_is_Wednesday_at_the_same_time() =>
        Assert.Equal(Ist(2026, 11, 18, 10), WorkingCalendar.AddWorkingDays(Ist(2026, 11, 16, 10), 2, NoHolidays));

    [Fact]
    public void Sundays_do_not_count() =>
        Assert.Equal(Ist(2026, 11, 23, 16), WorkingCalendar.AddWorkingDays(Ist(2026, 11, 21, 16), 1, NoHolidays)); // Sat → Mon

    [Fact]
    public void Holidays_do_not_count()
    {
        HashSet<DateOnly> holidays = [new(2026, 11, 23), new(2026, 11, 24)];
        // Friday + 2: Saturday, (Sunday, two holidays), Wednesday.
        Assert.Equal(Ist(2026, 11, 25, 11, 15), WorkingCalendar.AddWorkingDays(Ist(2026, 11, 20, 11, 15), 2, holidays));
    }

    [Fact]
    public void Work_raised_on_a_Sunday_or_holiday_starts_at_the_next_working_days_opening()
    {
        Assert.Equal(Ist(2026, 11, 24, 9, 30), WorkingCalendar.AddWorkingDays(Ist(2026, 11, 22, 18), 1, NoHolidays)); // Sun → Tue 09:30
        HashSet<DateOnly> holidays = [new(2026, 10, 2)];
        Assert.Equal(Ist(2026, 10, 5, 9, 30), WorkingCalendar.AddWorkingDays(Ist(2026, 10, 2, 8), 1, holidays)); // Fri holiday → Sat, Mon
    }

    [Fact]
    public void Month_and_year_ends_are_crossed_in_India_time()
    {
        // 31 Dec 2026 is a Thursday; New Year's Day is a holiday here.
        HashSet<DateOnly> holidays = [new(2027, 1, 1)];
        Assert.Equal(Ist(2027, 1, 4, 17), WorkingCalendar.AddWorkingDays(Ist(2026, 12, 31, 17), 2, holidays)); // Sat 2, Mon 4
        Assert.Equal(Ist(2026, 11, 2, 10), WorkingCalendar.AddWorkingDays(Ist(2026, 10, 31, 10), 1, NoHolidays)); // Sat → Mon
    }

    [Fact]
    public void A_late_evening_in_India_is_the_next_UTC_day_and_still_counts_from_the_Indian_date()
    {
        // 23:00 IST on Saturday 21 Nov is 17:30 UTC the same day; 01:00 IST Monday is Sunday in UTC.
        Assert.Equal(Ist(2026, 11, 23, 23), WorkingCalendar.AddWorkingDays(Ist(2026, 11, 21, 23), 1, NoHolidays));
        Assert.Equal(Ist(2026, 11, 24, 1), WorkingCalendar.AddWorkingDays(Ist(2026, 11, 23, 1), 1, NoHolidays));
    }

    [Fact]
    public void Sla_state_is_on_time_due_today_overdue_while_open_and_met_or_breached_once_closed()
    {
        var due = Ist(2026, 11, 18, 10);
        Assert.Equal(SlaState.OnTime, SlaRules.StateOf(due, null, Ist(2026, 11, 17, 23, 59)));
        Assert.Equal(SlaState.DueToday, SlaRules.StateOf(due, null, Ist(2026, 11, 18, 0)));
        Assert.Equal(SlaState.DueToday, SlaRules.StateOf(due, null, due));
        Assert.Equal(SlaState.Overdue, SlaRules.StateOf(due, null, due.AddSeconds(1)));
        Assert.Equal(SlaState.Met, SlaRules.StateOf(due, due, due.AddDays(3)));
        Assert.Equal(SlaState.Breached, SlaRules.StateOf(due, due.AddMinutes(1), due.AddDays(3)));
    }
}

using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using JlnbCrm.Database;
using JlnbCrm.ServiceLevels;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Aggregates;

/// <summary>A calendar bucket of a date: a day, a week (Monday to Sunday, as ISO 8601) or a month.</summary>
public enum PeriodUnit { Day, Week, Month }

/// <summary>
/// The India calendar day a bucket starts on, for an instant stored in UTC: the firm reports in India time, so a
/// reference created at 00:10 IST on 1 November belongs to November although it is still 31 October in UTC.
/// Each method is an EF Core function: in a query it is translated by <see cref="SqlDialect.IndianPeriodStart"/>
/// (the one place the two providers' SQL differs); called in memory it computes the same date.
/// The result is the start date as <c>yyyy-MM-dd</c> text, the one form both databases produce alike.
/// </summary>
public static class IndianPeriods
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string? DayStart(DateTime? at) => Start(at, PeriodUnit.Day);

    public static string? WeekStart(DateTime? at) => Start(at, PeriodUnit.Week);

    public static string? MonthStart(DateTime? at) => Start(at, PeriodUnit.Month);

    /// <summary>The bucket a stored instant falls in, as an expression EF Core translates (null stays null).</summary>
    public static Expression Of(Expression at, PeriodUnit unit) =>
        Expression.Call(Methods[unit], at.Type == typeof(DateTime?) ? at : Expression.Convert(at, typeof(DateTime?)));

    /// <summary>The start date a translated bucket reads back as.</summary>
    public static DateOnly? Parse(string? start) =>
        start is null ? null : DateOnly.ParseExact(start, DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Maps each bucket method to its provider's SQL; called from the context's model building.</summary>
    internal static void Register(ModelBuilder model, SqlDialect dialect)
    {
        foreach (var (unit, method) in Methods)
            model.HasDbFunction(method).HasTranslation(args => dialect.IndianPeriodStart(args[0], unit));
    }

    private static readonly IReadOnlyDictionary<PeriodUnit, MethodInfo> Methods = new Dictionary<PeriodUnit, MethodInfo>
    {
        [PeriodUnit.Day] = typeof(IndianPeriods).GetMethod(nameof(DayStart))!,
        [PeriodUnit.Week] = typeof(IndianPeriods).GetMethod(nameof(WeekStart))!,
        [PeriodUnit.Month] = typeof(IndianPeriods).GetMethod(nameof(MonthStart))!,
    };

    private static string? Start(DateTime? at, PeriodUnit unit)
    {
        if (at is not { } instant) return null;
        var day = WorkingCalendar.DateInIndia(instant);
        var start = unit switch
        {
            PeriodUnit.Day => day,
            PeriodUnit.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            _ => new DateOnly(day.Year, day.Month, 1),
        };
        return start.ToString(DateFormat, CultureInfo.InvariantCulture);
    }
}

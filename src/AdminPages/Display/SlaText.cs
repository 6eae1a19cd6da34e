using JlnbCrm.ServiceLevels;

namespace JlnbCrm.AdminPages.Display;

/// <summary>How a record stands against its due-at, in words: "1 d 4 h left", "overdue by 3 h", "Met", "Breached".</summary>
public static class SlaText
{
    public static string Standing(DateTime dueAt, DateTime? stoppedAt, DateTime utcNow)
    {
        var state = SlaRules.StateOf(dueAt, stoppedAt, utcNow);
        if (SlaRules.TimeLeft(dueAt, stoppedAt, utcNow) is not { } left) return state.Text();
        return state == SlaState.Overdue ? $"overdue by {Span(-left)}" : $"{Span(left)} left";
    }

    /// <summary>The Bootstrap colour of the state's badge.</summary>
    public static string Colour(DateTime dueAt, DateTime? stoppedAt, DateTime utcNow) => SlaRules.StateOf(dueAt, stoppedAt, utcNow) switch
    {
        SlaState.Overdue or SlaState.Breached => "danger",
        SlaState.DueToday => "warning",
        _ => "success",
    };

    private static string Span(TimeSpan span) => span.TotalHours >= 24 ? $"{(int)span.TotalDays} d {span.Hours} h"
        : span.TotalMinutes >= 60 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(1, (int)span.TotalMinutes)} min";
}

namespace JlnbCrm.AdminPages.Display;

/// <summary>One dashboard chart: labels, one series of numbers, and how to draw it (bar, doughnut…).</summary>
public sealed record ChartData(string Kind, string Series, string LabelHeader, IReadOnlyList<string> Labels, IReadOnlyList<decimal> Values, string TestId)
{
    public static ChartData From<T>(string kind, string series, string labelHeader, IEnumerable<T> rows,
        Func<T, string> label, Func<T, decimal> value, string testId)
    {
        var list = rows.ToList();
        return new(kind, series, labelHeader, list.Select(label).ToList(), list.Select(value).ToList(), testId);
    }
}

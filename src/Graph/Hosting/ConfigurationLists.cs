namespace JlnbCrm.Graph.Hosting;

public static class ConfigurationLists
{
    /// <summary>
    /// A list setting: its children (<c>Key:0</c>, <c>Key:1</c>…) or one comma-separated value, trimmed, blanks dropped.
    /// A list's parent key may also hold an empty value (a host setting an element by index adds one), so the
    /// children are read unless it holds text.
    /// </summary>
    public static IEnumerable<string> Items(this IConfigurationSection section) =>
        (section.Value is { Length: > 0 } single ? single.Split(',') : section.GetChildren().Select(child => child.Value ?? ""))
            .Select(item => item.Trim()).Where(item => item.Length > 0);
}

using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace JlnbCrm.Domain;

/// <summary>
/// Statuses and types are stored as readable text ("In Progress", "WIP") taken from each member's
/// [Display(Name)], so SQL, Supabase's table editor and the pages all show the same words.
/// </summary>
public static class EnumText<T> where T : struct, Enum
{
    private static readonly Dictionary<T, string> ToTextMap = Enum.GetValues<T>().ToDictionary(v => v, TextOf);
    private static readonly Dictionary<string, T> FromTextMap = ToTextMap.ToDictionary(p => p.Value, p => p.Key);

    public static IReadOnlyCollection<string> Texts => ToTextMap.Values;

    public static string ToText(T value) => ToTextMap[value];

    public static T Parse(string text) =>
        FromTextMap.TryGetValue(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name}.");

    /// <summary>The SQL list for a CHECK constraint: 'New', 'WIP', ...</summary>
    public static string SqlList => string.Join(", ", Texts.Select(t => $"'{t.Replace("'", "''")}'"));

    private static string TextOf(T value) =>
        typeof(T).GetField(value.ToString())!.GetCustomAttribute<DisplayAttribute>()?.Name ?? value.ToString();
}

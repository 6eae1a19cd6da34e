namespace JlnbCrm.AdminPages.Forms;

/// <summary>What a user sees when a save lost a race: when the other save happened and what it changed.</summary>
public sealed record ConflictView(string SavedAt, IReadOnlyList<ConflictView.Difference> Differences)
{
    public sealed record Difference(string Field, string? Saved, string? Yours);

    /// <summary>The fields whose saved value differs from what this user submitted.</summary>
    public static ConflictView Between<T>(string savedAt, T saved, T yours) where T : notnull =>
        new(savedAt, typeof(T).GetProperties()
            .Select(p => new Difference(p.Name, Format(p.GetValue(saved)), Format(p.GetValue(yours))))
            .Where(d => !string.Equals(d.Saved ?? "", d.Yours ?? "", StringComparison.Ordinal)).ToList());

    private static string? Format(object? value) => value?.ToString();
}

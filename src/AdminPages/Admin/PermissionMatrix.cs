namespace JlnbCrm.AdminPages.Admin;

/// <summary>
/// The permission tables of docs/access.md (embedded at build), read as rows of cells. The same file drives
/// OperationMatrixTests, so what the roles screen shows is what the tests prove.
/// </summary>
public static class PermissionMatrix
{
    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

    public static IReadOnlyList<Table> Tables { get; } = Read();

    private static IReadOnlyList<Table> Read()
    {
        using var stream = typeof(PermissionMatrix).Assembly.GetManifestResourceStream("access.md")
            ?? throw new InvalidOperationException("docs/access.md is not embedded in the pages assembly.");
        using var reader = new StreamReader(stream);
        var tables = new List<Table>();
        List<IReadOnlyList<string>>? current = null;
        foreach (var line in reader.ReadToEnd().Split('\n').Select(l => l.Trim()))
        {
            if (!line.StartsWith('|'))
            {
                Close();
                continue;
            }
            var cells = line.Trim('|').Split('|').Select(c => c.Trim().Replace("`", "").Replace("**", "")).ToList();
            if (cells.All(c => c.StartsWith("---", StringComparison.Ordinal))) continue;
            (current ??= []).Add(cells);
        }
        Close();
        return tables;

        void Close()
        {
            if (current is { Count: > 1 }) tables.Add(new Table(current[0], current.Skip(1).ToList()));
            current = null;
        }
    }
}

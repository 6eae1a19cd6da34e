using JlnbCrm.Graph.Hosting;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>schema.graphql is what front ends and analysts read: it must be the schema the code serves.</summary>
public abstract class SchemaFileTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    [Fact]
    public async Task The_checked_in_schema_matches_the_code()
    {
        var root = SchemaFile.RepositoryRoot();
        Assert.True(root is not null, "Run the tests from inside the repository.");
        var file = Path.Combine(root, "schema.graphql");
        var checkedIn = File.Exists(file) ? (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n") : "";
        var printed = SchemaFile.Print(app.Services);
        Assert.True(checkedIn == printed,
            $"schema.graphql differs from the schema the code serves. Regenerate it with:\n  {SchemaFile.RegenerateCommand}\n" +
            $"First difference at line {FirstDifference(checkedIn, printed)}.");
    }

    private static int FirstDifference(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
            if (left[i] != right[i]) return i + 1;
        return Math.Min(left.Length, right.Length) + 1;
    }
}

public sealed class PostgresSchemaFileTests(PostgresGraphApp app) : SchemaFileTests<PostgresGraphApp>(app);
public sealed class SqliteSchemaFileTests(SqliteGraphApp app) : SchemaFileTests<SqliteGraphApp>(app);

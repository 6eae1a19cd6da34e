using GraphQL;
using GraphQL.Utilities;
using JlnbCrm.Graph.Schema;

namespace JlnbCrm.Graph.Hosting;

/// <summary>schema.graphql at the repository root is the printed schema; a test fails when it drifts.</summary>
public static class SchemaFile
{
    public const string RegenerateCommand = "dotnet run --project src/Graph -- --write-schema schema.graphql";

    public static string Print(IServiceProvider services)
    {
        var schema = services.GetRequiredService<CrmSchema>();
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "JlnbCrm.sln"))) return dir.FullName;
        return null;
    }

    public static async Task WriteAsync(IServiceProvider services, string[] args)
    {
        var at = Array.IndexOf(args, "--write-schema");
        var name = at + 1 < args.Length && !args[at + 1].StartsWith("--") ? args[at + 1] : "schema.graphql";
        // `dotnet run` starts in the project folder; a relative path means "at the repository root".
        var path = Path.IsPathRooted(name) ? name : Path.Combine(RepositoryRoot() ?? Environment.CurrentDirectory, name);
        await File.WriteAllTextAsync(path, Print(services));
        Console.WriteLine($"Wrote the GraphQL schema to {Path.GetFullPath(path)}.");
    }
}

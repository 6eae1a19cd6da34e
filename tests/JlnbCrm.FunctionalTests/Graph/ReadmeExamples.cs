using System.Text.RegularExpressions;
using JlnbCrm.Graph.Hosting;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>The README's examples, read from the file itself so the tests run exactly what a newcomer pastes.</summary>
public static partial class ReadmeExamples
{
    [GeneratedRegex("```graphql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphQLBlock();

    [GeneratedRegex("```js\\n.*?query: '(subscription [^']*)'.*?```", RegexOptions.Singleline)]
    private static partial Regex SubscriptionSnippet();

    [GeneratedRegex("```bash\\n[^`]*?-d '(\\{\"extensions\":\\{\"persistedQuery\"[^']*)'", RegexOptions.Singleline)]
    private static partial Regex PersistedQueryRequest();

    public static string Text() =>
        File.ReadAllText(Path.Combine(SchemaFile.RepositoryRoot()!, "README.md")).ReplaceLineEndings("\n");

    /// <summary>Every ```graphql block, in order.</summary>
    public static IReadOnlyList<string> Operations() => GraphQLBlock().Matches(Text()).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The subscription the graphql-ws client snippet subscribes with.</summary>
    public static string Subscription() => Single(SubscriptionSnippet(), "graphql-ws snippet");

    /// <summary>The JSON body of the curl example that sends a persisted operation by hash.</summary>
    public static string PersistedQueryBody() => Single(PersistedQueryRequest(), "persisted-operation curl example");

    private static string Single(Regex pattern, string what)
    {
        var matches = pattern.Matches(Text());
        return matches.Count == 1 ? matches[0].Groups[1].Value
            : throw new InvalidOperationException($"README should have exactly one {what}; found {matches.Count}.");
    }
}

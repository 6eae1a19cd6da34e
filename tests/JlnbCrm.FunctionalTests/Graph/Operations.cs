using System.Text.Json.Nodes;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>Builds the GraphQL text the tests send, and reads common values from the demo data.</summary>
public static class Operations
{
    public static string Mutation(string field, string inputType, string selection) =>
        $"mutation($input: {inputType}!) {{ {field}(input: $input) {{ {selection} errors {{ code message field }} }} }}";

    public static async Task<long> UserIdAsync(this GraphClient client, string email) =>
        (await client.DataAsync("query($e: String) { users(where: { email: { eq: $e } }) { edges { node { databaseId } } } }", new { e = email }))
        ["users"]!["edges"]![0]!["node"]!["databaseId"]!.GetValue<long>();

    public static async Task<long> ProductIdAsync(this GraphClient client, string name) =>
        (await client.DataAsync("query($n: String) { products(where: { name: { eq: $n } }) { edges { node { databaseId } } } }", new { n = name }))
        ["products"]!["edges"]![0]!["node"]!["databaseId"]!.GetValue<long>();

    /// <summary>The first node of a list field matching a where clause.</summary>
    public static async Task<JsonNode> FirstAsync(this GraphClient client, string list, string filterType, object where, string selection = "databaseId version")
    {
        var data = await client.DataAsync($"query($w: {filterType}) {{ {list}(first: 1, where: $w) {{ edges {{ node {{ {selection} }} }} }} }}", new { w = where });
        var edges = data[list]!["edges"]!.AsArray();
        Assert.True(edges.Count > 0, $"no {list} match {System.Text.Json.JsonSerializer.Serialize(where)}");
        return edges[0]!["node"]!;
    }

    public static long Long(this JsonNode node, string property) => node[property]!.GetValue<long>();

    public static string? Str(this JsonNode node, string property) => node[property]?.GetValue<string>();

    public static (string Code, string? Field) Single(this JsonArray errors)
    {
        Assert.Single(errors);
        return (errors[0]!["code"]!.GetValue<string>(), errors[0]!["field"]?.GetValue<string>());
    }
}

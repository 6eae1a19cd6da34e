using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>Posts GraphQL requests as a front end would, and reads the answers as JSON.</summary>
public sealed class GraphClient(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>Runs an operation and returns the whole response ({ data, errors }).</summary>
    public async Task<JsonNode> SendAsync(string query, object? variables = null)
    {
        var response = await http.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Runs an operation that must succeed, returning <c>data</c>.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null)
    {
        var response = await SendAsync(query, variables);
        Assert.True(response["errors"] is null, $"Unexpected errors: {response["errors"]?.ToJsonString()}");
        return response["data"]!;
    }

    /// <summary>Runs a mutation that must succeed (no user errors), returning its payload.</summary>
    public async Task<JsonNode> MutateAsync(string mutation, string field, object input)
    {
        var payload = (await DataAsync(mutation, new { input }))[field]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, $"{field} refused: {payload["errors"]!.ToJsonString()}");
        return payload;
    }

    /// <summary>Runs a mutation that must be refused, returning its user errors.</summary>
    public async Task<JsonArray> RefusedAsync(string mutation, string field, object input)
    {
        var payload = (await DataAsync(mutation, new { input }))[field]!;
        var errors = payload["errors"]!.AsArray();
        Assert.True(errors.Count > 0, $"{field} was expected to be refused but returned {payload.ToJsonString()}");
        return errors;
    }

    /// <summary>The codes of top-level GraphQL errors.</summary>
    public static string[] ErrorCodes(JsonNode response) =>
        response["errors"]?.AsArray().Select(e => e!["extensions"]?["code"]?.GetValue<string>() ?? "").ToArray() ?? [];

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}

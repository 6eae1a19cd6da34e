using System.Text.Json;

namespace JlnbCrm.Graph.Endpoint;

/// <summary>One GraphQL-over-HTTP request, or why it is malformed (answered 400 before anything runs).</summary>
public sealed record GraphQLHttpRequest(string Query, string? OperationName, JsonElement? Variables, JsonElement? Extensions)
{
    public static (GraphQLHttpRequest? Request, string? Problem) FromJson(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) return (null, "The request body must be a JSON object (or an array of them).");
        if (!body.TryGetProperty("query", out var query) || query.ValueKind == JsonValueKind.Null)
            return (null, "The request has no 'query'.");
        if (query.ValueKind != JsonValueKind.String) return (null, "'query' must be a string.");
        if (Optional(body, "operationName", JsonValueKind.String) is { Problem: { } p1 }) return (null, p1);
        if (Optional(body, "variables", JsonValueKind.Object) is { Problem: { } p2 }) return (null, p2);
        if (Optional(body, "extensions", JsonValueKind.Object) is { Problem: { } p3 }) return (null, p3);
        return (new GraphQLHttpRequest(query.GetString()!, Optional(body, "operationName", JsonValueKind.String).Value?.GetString(),
            Optional(body, "variables", JsonValueKind.Object).Value, Optional(body, "extensions", JsonValueKind.Object).Value), null);
    }

    public static (GraphQLHttpRequest? Request, string? Problem) FromQueryString(IQueryCollection query)
    {
        if (query["query"] is not { Count: 1 } text || string.IsNullOrEmpty(text[0])) return (null, "The request has no 'query'.");
        JsonElement? variables = null, extensions = null;
        try
        {
            if (query["variables"] is { Count: 1 } v && !string.IsNullOrEmpty(v[0]))
            {
                variables = JsonDocument.Parse(v[0]!).RootElement;
                if (variables.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null)) return (null, "'variables' must be a JSON object.");
            }
            if (query["extensions"] is { Count: 1 } e && !string.IsNullOrEmpty(e[0]))
            {
                extensions = JsonDocument.Parse(e[0]!).RootElement;
                if (extensions.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null)) return (null, "'extensions' must be a JSON object.");
            }
        }
        catch (JsonException) { return (null, "'variables' and 'extensions' must be JSON."); }
        var operation = query["operationName"] is { Count: 1 } o && !string.IsNullOrEmpty(o[0]) ? o[0] : null;
        return (new GraphQLHttpRequest(text[0]!, operation, variables, extensions), null);
    }

    private static (JsonElement? Value, string? Problem) Optional(JsonElement body, string name, JsonValueKind kind) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? (null, null)
        : value.ValueKind == kind ? (value, null)
        : (null, $"'{name}' must be {(kind == JsonValueKind.String ? "a string" : "a JSON object")}.");
}

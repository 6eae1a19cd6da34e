using System.Text.Json;

namespace JlnbCrm.Graph.Endpoint;

/// <summary>
/// One GraphQL-over-HTTP request, or why it is malformed (answered 400 before anything runs). The query text may be
/// left out only by a request naming a persisted operation (<c>extensions.persistedQuery</c>; <see cref="PersistedOperations"/>).
/// </summary>
public sealed record GraphQLHttpRequest(string? Query, string? OperationName, JsonElement? Variables, JsonElement? Extensions)
{
    public static (GraphQLHttpRequest? Request, string? Problem) FromJson(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) return (null, "The request body must be a JSON object (or an array of them).");
        if (Optional(body, "query", JsonValueKind.String) is { Problem: { } p0 }) return (null, p0);
        if (Optional(body, "operationName", JsonValueKind.String) is { Problem: { } p1 }) return (null, p1);
        if (Optional(body, "variables", JsonValueKind.Object) is { Problem: { } p2 }) return (null, p2);
        if (Optional(body, "extensions", JsonValueKind.Object) is { Problem: { } p3 }) return (null, p3);
        var query = Optional(body, "query", JsonValueKind.String).Value?.GetString();
        var extensions = Optional(body, "extensions", JsonValueKind.Object).Value;
        if (query is null && !NamesPersistedOperation(extensions)) return (null, "The request has no 'query'.");
        return (new GraphQLHttpRequest(query, Optional(body, "operationName", JsonValueKind.String).Value?.GetString(),
            Optional(body, "variables", JsonValueKind.Object).Value, extensions), null);
    }

    public static (GraphQLHttpRequest? Request, string? Problem) FromQueryString(IQueryCollection query)
    {
        var text = query["query"] is { Count: 1 } q && !string.IsNullOrEmpty(q[0]) ? q[0] : null;
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
        if (text is null && !NamesPersistedOperation(extensions)) return (null, "The request has no 'query'.");
        var operation = query["operationName"] is { Count: 1 } o && !string.IsNullOrEmpty(o[0]) ? o[0] : null;
        return (new GraphQLHttpRequest(text, operation, variables, extensions), null);
    }

    private static bool NamesPersistedOperation(JsonElement? extensions) =>
        extensions is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("persistedQuery", out var persisted)
        && persisted.ValueKind != JsonValueKind.Null;

    private static (JsonElement? Value, string? Problem) Optional(JsonElement body, string name, JsonValueKind kind) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? (null, null)
        : value.ValueKind == kind ? (value, null)
        : (null, $"'{name}' must be {(kind == JsonValueKind.String ? "a string" : "a JSON object")}.");
}

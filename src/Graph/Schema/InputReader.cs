using GraphQL;
using JlnbCrm.Graph.Nodes;

namespace JlnbCrm.Graph.Schema;

/// <summary>Typed reads from a mutation's input object; ids accept global ids or database ids.</summary>
public sealed class InputReader(IReadOnlyDictionary<string, object?> values)
{
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>For edits: the sent value, or <paramref name="current"/> when the field was left out.</summary>
    public string? Patch(string name, string? current) => Has(name) ? String(name) : current;

    public string? String(string name) => values.GetValueOrDefault(name) as string;

    public long Id(string name, string type) =>
        OptionalId(name, type) ?? throw new ExecutionError($"{name} is required.") { Code = "INVALID_VALUE" };

    public long? OptionalId(string name, string type) =>
        values.GetValueOrDefault(name) is { } value ? NodeId.Parse(value, type, name) : null;

    public IReadOnlyList<long> Ids(string name, string type) =>
        (values.GetValueOrDefault(name) as IEnumerable<object?> ?? []).Select(v => NodeId.Parse(v, type, name)).ToList();

    public bool? OptionalBool(string name) => values.GetValueOrDefault(name) as bool?;

    public int Int(string name) => Convert.ToInt32(values[name]);

    public long Version() => Convert.ToInt64(values["version"]);

    public T Enum<T>(string name) where T : struct, Enum => (T)values[name]!;

    public T? OptionalEnum<T>(string name) where T : struct, Enum => values.GetValueOrDefault(name) is T value ? value : null;

    public DateOnly? Date(string name) => values.GetValueOrDefault(name) as DateOnly?;

    public DateTime? Time(string name) => values.GetValueOrDefault(name) switch
    {
        DateTime d => d.Kind == DateTimeKind.Utc ? d : d.ToUniversalTime(),
        DateTimeOffset o => o.UtcDateTime,
        _ => null,
    };
}

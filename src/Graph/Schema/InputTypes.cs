using GraphQL.Types;

namespace JlnbCrm.Graph.Schema;

/// <summary>Compact declarations for mutation input objects.</summary>
public static class InputTypes
{
    public static InputObjectGraphType Define(string name, string description, params (string Name, Type Type, string? Description)[] fields)
    {
        var input = new InputObjectGraphType { Name = name, Description = description };
        foreach (var (field, type, about) in fields)
            input.AddField(new FieldType { Name = field, Type = type, Description = about });
        return input;
    }

    public static (string, Type, string?) Required<TGraph>(string name, string? description = null) where TGraph : IGraphType =>
        (name, typeof(NonNullGraphType<TGraph>), description);

    public static (string, Type, string?) Optional<TGraph>(string name, string? description = null) where TGraph : IGraphType =>
        (name, typeof(TGraph), description);

    /// <summary>The id of the row to change and the version the user saw (CONFLICT if it moved on).</summary>
    public static (string, Type, string?)[] Target(string what) =>
    [
        Required<IdGraphType>("id", $"The {what}'s global id or database id."),
        Required<LongGraphType>("version", "The version you read; a stale version is refused with CONFLICT."),
    ];
}

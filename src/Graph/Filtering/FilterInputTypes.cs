using GraphQL.Types;
using JlnbCrm.Graph.Paging;

namespace JlnbCrm.Graph.Filtering;

/// <summary>
/// Generates, from <see cref="FilterModel"/>, one <c>XFilterInput</c> and one <c>XSortInput</c> per exposed
/// entity, plus the shared per-scalar operation inputs (StringOperationFilterInput, …) in the style of
/// HotChocolate's filtering, so analysts find the vocabulary they know.
/// </summary>
public sealed class FilterInputTypes
{
    private readonly Dictionary<Type, InputObjectGraphType> _operations = [];
    private readonly List<IGraphType> _all = [];

    public FilterInputTypes(FilterModel model)
    {
        foreach (var (clr, name) in FilterModel.Exposed)
        {
            var fields = model.FieldsOf(clr);
            var filter = new InputObjectGraphType { Name = FilterName(clr), Description = $"Conditions on {name}s; fields combine with AND." };
            filter.AddField(new FieldType { Name = "and", ResolvedType = ListOf(new GraphQLTypeReference(FilterName(clr))), Description = "Every clause must hold." });
            filter.AddField(new FieldType { Name = "or", ResolvedType = ListOf(new GraphQLTypeReference(FilterName(clr))), Description = "At least one clause must hold." });
            filter.AddField(new FieldType { Name = "not", ResolvedType = new GraphQLTypeReference(FilterName(clr)), Description = "The clause must not hold." });
            foreach (var field in fields.Values)
                filter.AddField(new FieldType { Name = field.Name, ResolvedType = FieldInput(field), Description = field.Description });
            _all.Add(filter);

            _all.Add(SortInput(clr, fields));

            foreach (var collection in fields.Values.Where(f => f.Kind == FilterFieldKind.Collection))
                _all.Add(ListFilter(collection.ClrType));
        }
        _all.AddRange(_operations.Values);
    }

    public IEnumerable<IGraphType> All => _all.DistinctBy(t => t.Name);

    public static string FilterName(Type entity) => $"{FilterModel.Exposed[entity]}FilterInput";

    public static string SortName(Type entity) => $"{FilterModel.Exposed[entity]}SortInput";

    /// <summary>
    /// <c>XSortInput</c>: one term per field; a to-one relation nests the related type's sort input
    /// (<c>{ assignedRm: { name: ASC } }</c>). The descriptions carry the ordering rules analysts need to know.
    /// </summary>
    private static InputObjectGraphType SortInput(Type clr, IReadOnlyDictionary<string, FilterField> fields)
    {
        var name = FilterModel.Exposed[clr];
        var sort = new InputObjectGraphType
        {
            Name = SortName(clr),
            Description = $"One sort term for {name}s, e.g. {{ {fields.Values.First(f => f.IsSortable).Name}: ASC }}; ties are " +
                "broken by id. Rows without a value sort last in both directions; enums sort in the order their values " +
                "are listed, flags false first.",
        };
        foreach (var field in fields.Values.Where(f => f.IsSortable))
        {
            if (field.Kind == FilterFieldKind.Reference)
                sort.AddField(new FieldType
                {
                    Name = field.Name, ResolvedType = new GraphQLTypeReference(SortName(field.ClrType)),
                    Description = $"By a field of the related {FilterModel.Exposed[field.ClrType]} (rows without one sort last).",
                });
            else
                sort.AddField(new FieldType
                {
                    Name = field.Name, Type = typeof(SortEnumType),
                    Description = field.IsNullable ? "Rows without a value sort last in both directions." : null,
                });
        }
        return sort;
    }

    private IGraphType FieldInput(FilterField field) => field.Kind switch
    {
        FilterFieldKind.Reference => new GraphQLTypeReference(FilterName(field.ClrType)),
        FilterFieldKind.Collection => new GraphQLTypeReference($"List{FilterName(field.ClrType)}"),
        _ => Operations(field.ClrType),
    };

    private static InputObjectGraphType ListFilter(Type item)
    {
        var list = new InputObjectGraphType { Name = $"List{FilterName(item)}", Description = "Conditions on the items of a list." };
        foreach (var (op, meaning) in new[] { ("some", "At least one item matches."), ("none", "No item matches."), ("all", "Every item matches (true for no items).") })
            list.AddField(new FieldType { Name = op, ResolvedType = new GraphQLTypeReference(FilterName(item)), Description = meaning });
        list.AddField(new FieldType { Name = "any", Type = typeof(BooleanGraphType), Description = "true: has at least one item; false: has none." });
        return list;
    }

    /// <summary>
    /// The operations a scalar type allows, as HotChocolate names them: every type eq/neq/in/nin; strings the
    /// pattern matches and their negations; other orderable types gt…nlte. A negated operation matches what its
    /// positive one does not, rows without a value included.
    /// </summary>
    private InputObjectGraphType Operations(Type clr)
    {
        if (_operations.TryGetValue(clr, out var existing)) return existing;
        var scalar = ScalarType(clr);
        var name = clr.IsEnum ? clr.Name : scalar.Name.Replace("GraphType", "");
        var input = new InputObjectGraphType { Name = $"{name}OperationFilterInput" };
        void Add(string op, Type type, string description) => input.AddField(new FieldType { Name = op, Type = type, Description = description });
        Add("eq", scalar, "Equal to (null: has no value).");
        Add("neq", scalar, "Not equal to (null: has a value).");
        var list = typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(scalar));
        Add("in", list, "One of.");
        Add("nin", list, "None of (rows without a value included).");
        if (clr == typeof(string))
        {
            const string how = "ignoring case (on SQLite, of ASCII letters only); % _ and \\ match themselves";
            foreach (var (op, meaning) in new[] { ("contains", "Contains"), ("startsWith", "Starts with"), ("endsWith", "Ends with") })
            {
                Add(op, scalar, $"{meaning}, {how}.");
                Add($"n{op}", scalar, $"Not: {char.ToLowerInvariant(meaning[0])}{meaning[1..]}, {how}.");
            }
        }
        else if (!clr.IsEnum && clr != typeof(bool))
        {
            foreach (var (op, meaning) in new[] { ("gt", "Greater than"), ("gte", "Greater than or equal to"), ("lt", "Less than"), ("lte", "Less than or equal to") })
            {
                Add(op, scalar, $"{meaning}.");
                Add($"n{op}", scalar, $"Not {char.ToLowerInvariant(meaning[0])}{meaning[1..]} (rows without a value included).");
            }
        }
        return _operations[clr] = input;
    }

    private static Type ScalarType(Type clr) => clr switch
    {
        _ when clr == typeof(string) => typeof(StringGraphType),
        _ when clr == typeof(long) => typeof(LongGraphType),
        _ when clr == typeof(int) => typeof(IntGraphType),
        _ when clr == typeof(bool) => typeof(BooleanGraphType),
        _ when clr == typeof(DateTime) => typeof(DateTimeGraphType),
        _ when clr == typeof(DateOnly) => typeof(DateOnlyGraphType),
        _ when clr == typeof(decimal) => typeof(DecimalGraphType),
        _ when clr.IsEnum => typeof(EnumerationGraphType<>).MakeGenericType(clr),
        _ => throw new NotSupportedException($"No filter for {clr.Name}."),
    };

    private static ListGraphType ListOf(IGraphType item) => new(new NonNullGraphType(item));
}

/// <summary>ASC or DESC.</summary>
public sealed class SortEnumType : EnumerationGraphType<SortDirection>
{
    public SortEnumType() => Name = "SortEnumType";
}

using GraphQL.Types;
using JlnbCrm.Aggregates;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Filtering;

namespace JlnbCrm.Graph.Aggregates;

/// <summary>One group of an aggregate: its key values by field name (absent: not grouped by) and its row count.</summary>
public sealed record AggregateGroup(IReadOnlyDictionary<string, object?> Key, int Count);

/// <summary>
/// Generates, from <see cref="AggregateModel"/>, per aggregated entity: <c>XGroupField</c> (what <c>groupBy</c> names),
/// <c>XGroupKey</c> (one nullable field per group field, plus the related object of an id) and <c>XGroup</c>.
/// </summary>
public sealed class AggregateGraphTypes
{
    private readonly List<IGraphType> _all = [];

    public AggregateGraphTypes(AggregateModel model)
    {
        foreach (var entity in AggregateModel.Lists.Keys)
        {
            var name = FilterModel.Exposed[entity];
            var list = AggregateModel.Lists[entity];
            var fields = model.FieldsOf(entity).Values.ToList();
            var choices = new EnumerationGraphType { Name = FieldEnumName(entity), Description = $"A field to group {list} by." };
            foreach (var field in fields)
                choices.Add(new EnumValueDefinition(field.EnumName, field.Name) { Description = field.Description });
            _all.Add(choices);

            var key = new ObjectGraphType
                { Name = $"{name}GroupKey", Description = $"The values a group of {list} shares; null where not grouped by." };
            foreach (var field in fields)
            {
                key.AddField(new FieldType { Name = field.Name, Type = ScalarType(field.KeyType), Description = field.Description,
                    Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>(ctx => Value(ctx.Source, field.Name)) });
                if (field.Reference is { } reference)
                    key.AddField(new FieldType
                    {
                        Name = reference.Name, ResolvedType = new GraphQLTypeReference(FilterModel.Exposed[reference.Entity]),
                        Description = $"The {reference.Name} whose id is {field.Name} (null if you may not see it).",
                        Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>(ctx =>
                            Value(ctx.Source, field.Name) is long id ? Load(ctx.Loaders(), reference.Entity, id) : null),
                    });
            }
            _all.Add(key);

            var group = new ObjectGraphType { Name = GroupName(entity), Description = $"{name} rows sharing one key, counted." };
            group.AddField(new FieldType { Name = "key", ResolvedType = new NonNullGraphType(new GraphQLTypeReference(key.Name)),
                Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>(ctx => ((AggregateGroup)ctx.Source!).Key) });
            group.AddField(new FieldType { Name = "count", Type = typeof(NonNullGraphType<IntGraphType>),
                Description = $"How many of the {list} you may see share the key.",
                Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>(ctx => ((AggregateGroup)ctx.Source!).Count) });
            _all.Add(group);
        }
    }

    public IEnumerable<IGraphType> All => _all;

    public static string FieldEnumName(Type entity) => $"{FilterModel.Exposed[entity]}GroupField";

    public static string GroupName(Type entity) => $"{FilterModel.Exposed[entity]}Group";

    private static object? Value(object? key, string field) =>
        ((IReadOnlyDictionary<string, object?>)key!).GetValueOrDefault(field);

    private static readonly System.Reflection.MethodInfo ById =
        typeof(RequestLoaders).GetMethod(nameof(RequestLoaders.ById), [typeof(long)])!;

    private static object? Load(RequestLoaders loaders, Type entity, long id) =>
        ById.MakeGenericMethod(entity).Invoke(loaders, [id]);

    private static Type ScalarType(Type clr) => clr switch
    {
        _ when clr == typeof(string) => typeof(StringGraphType),
        _ when clr == typeof(long) => typeof(LongGraphType),
        _ when clr == typeof(int) => typeof(IntGraphType),
        _ when clr == typeof(bool) => typeof(BooleanGraphType),
        _ when clr == typeof(DateOnly) => typeof(DateOnlyGraphType),
        _ when clr.IsEnum => typeof(EnumerationGraphType<>).MakeGenericType(clr),
        _ => throw new NotSupportedException($"No group key for {clr.Name}."),
    };
}

/// <summary>DAY, WEEK (Monday to Sunday) or MONTH, in India time.</summary>
public sealed class AggregatePeriodType : EnumerationGraphType<PeriodUnit>
{
    public AggregatePeriodType()
    {
        Name = "AggregatePeriod";
        Description = "A calendar bucket for the date fields in groupBy, in India time (Asia/Kolkata); weeks start on Monday.";
    }
}

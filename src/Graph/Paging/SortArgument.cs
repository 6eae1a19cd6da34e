using GraphQL;
using JlnbCrm.Access;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Filtering;
using JlnbCrm.Paging;

namespace JlnbCrm.Graph.Paging;

public enum SortDirection { Asc, Desc }

public static class SortArgument
{
    /// <summary>
    /// Reads <c>order: [{ name: ASC }, { createdAt: DESC }, { assignedRm: { name: ASC } }]</c> against the entity's
    /// sortable fields. A to-one relation nests the related entity's fields (any depth), which the pager turns into a
    /// navigation path (a join). A masked field sorts by the value as the caller sees it, under a relation too (so the
    /// order and the cursor hold nothing hidden); an admin-only field is refused for anyone else, as its filter is.
    /// How values order (nulls last, enums by declaration) is the pager's: <see cref="SortKey"/>.
    /// </summary>
    public static IReadOnlyList<SortKey> Parse(object? order, IReadOnlyDictionary<string, FilterField> fields,
        ICurrentActor actor, string path)
    {
        var keys = new List<SortKey>();
        foreach (var term in (order as IEnumerable<object?>)?.OfType<IDictionary<string, object?>>() ?? [])
            Read(term, fields, actor, path, prefix: "", keys);
        return keys;
    }

    private static void Read(IDictionary<string, object?> term, IReadOnlyDictionary<string, FilterField> fields,
        ICurrentActor actor, string path, string prefix, List<SortKey> keys)
    {
        foreach (var (name, direction) in term)
        {
            if (direction is null) continue;
            if (fields.TryGetValue(name, out var guarded) && guarded.Rule is CallerFieldRule rule && !rule.Allows(actor))
                throw FilterBuilder.Refused($"{path}.{name}");
            var field = fields.TryGetValue(name, out var f) && f.IsSortable ? f
                : throw new ExecutionError($"'{name}' cannot be sorted on.") { Code = "INVALID_SORT" };
            if (field.Kind == FilterFieldKind.Reference)
            {
                var nested = direction as IDictionary<string, object?>
                    ?? throw new ExecutionError($"'{name}' sorts by a field of its own: {{ {name}: {{ name: ASC }} }}.") { Code = "INVALID_SORT" };
                Read(nested, field.Target!(), actor, $"{path}.{name}", $"{prefix}{field.Member}.", keys);
                continue;
            }
            var descending = (SortDirection)direction == SortDirection.Desc;
            keys.Add(new SortKey(prefix + field.Member, field.ClrType, descending,
                field.Rule is MaskedFieldRule masked ? masked.AsSeenBy(actor) : null));
        }
    }
}

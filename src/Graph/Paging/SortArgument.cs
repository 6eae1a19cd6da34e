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
    /// Reads <c>order: [{ name: ASC }, { createdAt: DESC }]</c> against the entity's sortable fields. A masked field
    /// sorts by the value as the caller sees it (so the order and the cursor hold nothing hidden); an admin-only
    /// field is refused for anyone else, as its filter is.
    /// </summary>
    public static IReadOnlyList<SortKey> Parse(object? order, IReadOnlyDictionary<string, FilterField> fields,
        ICurrentActor actor, string path)
    {
        var keys = new List<SortKey>();
        foreach (var term in (order as IEnumerable<object?>)?.OfType<IDictionary<string, object?>>() ?? [])
        {
            foreach (var (name, direction) in term)
            {
                if (direction is null) continue;
                if (fields.TryGetValue(name, out var guarded) && guarded.Rule is CallerFieldRule rule && !rule.Allows(actor))
                    throw FilterBuilder.Refused($"{path}.{name}");
                var field = fields.TryGetValue(name, out var f) && f.IsSortable ? f
                    : throw new ExecutionError($"'{name}' cannot be sorted on.") { Code = "INVALID_SORT" };
                var descending = (SortDirection)direction == SortDirection.Desc;
                keys.Add(field.Rule is MaskedFieldRule masked
                    ? new SortKey(field.Member, field.ClrType, descending, masked.AsSeenBy(actor))
                    : new SortKey(field.Member, field.ClrType, descending));
            }
        }
        return keys;
    }
}

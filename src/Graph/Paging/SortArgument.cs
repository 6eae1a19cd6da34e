using GraphQL;
using JlnbCrm.Graph.Filtering;
using JlnbCrm.Paging;

namespace JlnbCrm.Graph.Paging;

public enum SortDirection { Asc, Desc }

public static class SortArgument
{
    /// <summary>Reads <c>order: [{ name: ASC }, { createdAt: DESC }]</c> against the entity's sortable fields.</summary>
    public static IReadOnlyList<SortKey> Parse(object? order, IReadOnlyDictionary<string, FilterField> fields)
    {
        var keys = new List<SortKey>();
        foreach (var term in (order as IEnumerable<object?>)?.OfType<IDictionary<string, object?>>() ?? [])
        {
            foreach (var (name, direction) in term)
            {
                if (direction is null) continue;
                var field = fields.TryGetValue(name, out var f) && f.IsSortable ? f
                    : throw new ExecutionError($"'{name}' cannot be sorted on.") { Code = "INVALID_SORT" };
                keys.Add(new SortKey(field.Member, field.ClrType, (SortDirection)direction == SortDirection.Desc));
            }
        }
        return keys;
    }
}

using GraphQL;
using JlnbCrm.Graph.Filtering;

namespace JlnbCrm.Graph.Paging;

public enum SortDirection { Asc, Desc }

/// <summary>One ORDER BY term: an entity member, its type, and the direction.</summary>
public sealed record SortKey(string Member, Type Type, bool Descending)
{
    public static readonly SortKey Id = new("Id", typeof(long), false);

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

using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Filtering;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;

namespace JlnbCrm.Graph.Aggregates;

/// <summary>
/// The fields each aggregated list may group by, read from <see cref="FilterModel"/> (so a column added to an
/// entity becomes a group key too) plus the computed keys (SLA state). Ids and version are left out: a group per row.
/// </summary>
public sealed class AggregateModel
{
    /// <summary>The lists with an aggregate, by entity: the list's field name (the aggregate is <c>{list}Aggregate</c>).</summary>
    public static readonly IReadOnlyDictionary<Type, string> Lists = new Dictionary<Type, string>
    {
        [typeof(Client)] = "clients", [typeof(Lead)] = "leads", [typeof(Interaction)] = "interactions",
        [typeof(ClientQuery)] = "clientQueries", [typeof(ServiceRequest)] = "serviceRequests",
    };

    private static readonly HashSet<Type> KeyTypes =
        [typeof(string), typeof(bool), typeof(int), typeof(long), typeof(DateTime), typeof(DateOnly)];

    private readonly Dictionary<Type, IReadOnlyDictionary<string, GroupField>> _fields = [];

    public AggregateModel(FilterModel filters)
    {
        foreach (var entity in Lists.Keys)
        {
            var fields = filters.FieldsOf(entity);
            var references = fields.Values.Where(f => f.ForeignKey is not null && typeof(Entity).IsAssignableFrom(f.ClrType))
                .ToDictionary(f => f.ForeignKey!, f => new GroupReference(f.Name, f.ClrType));
            var groupable = fields.Values
                .Where(f => f.Kind == FilterFieldKind.Scalar && f.Name is not ("databaseId" or "version")
                    && (f.ClrType.IsEnum || KeyTypes.Contains(f.ClrType)))
                .Select(f => GroupField.Column(entity, f, references.GetValueOrDefault(f.Member)));
            _fields[entity] = groupable.Concat(Computed(entity)).ToDictionary(f => f.Name);
        }
    }

    public IReadOnlyDictionary<string, GroupField> FieldsOf(Type entity) => _fields[entity];

    /// <summary>Keys that are not columns: the SLA state, by the same clock the lists' <c>sla</c> filter reads.</summary>
    private static IEnumerable<GroupField> Computed(Type entity)
    {
        const string sla = "The SLA state now (ON_TIME, DUE_TODAY, OVERDUE while open; MET, BREACHED once closed), "
            + "as the sla filter reads it.";
        if (entity == typeof(ServiceRequest))
            yield return new GroupField("slaState", typeof(SlaState), false,
                scope => SlaClocks.ServiceRequests.State(scope.Db.UtcNow), sla);
        if (entity == typeof(ClientQuery))
            yield return new GroupField("slaState", typeof(SlaState), false,
                scope => SlaClocks.ClientQueries.State(scope.Db.UtcNow), sla);
    }
}

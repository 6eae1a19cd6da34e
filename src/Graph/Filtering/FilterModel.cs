using JlnbCrm.Access;
using JlnbCrm.Auditing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore.Metadata;

namespace JlnbCrm.Graph.Filtering;

public enum FilterFieldKind { Scalar, Reference, Collection }

/// <summary>One filterable field: a mapped property or navigation of an entity, under its GraphQL name.</summary>
public sealed record FilterField(string Name, string Member, FilterFieldKind Kind, Type ClrType, bool IsNullable,
    FieldRule? Rule = null)
{
    /// <summary>Keyset paging needs total order, so only never-null, orderable scalars are sortable.</summary>
    public bool IsSortable => Kind == FilterFieldKind.Scalar && !IsNullable && !ClrType.IsEnum && ClrType != typeof(bool);
}

/// <summary>
/// The filterable shape of every exposed entity, read once from the EF Core model. It drives both the
/// generated GraphQL input types and the expression builder, so the two cannot disagree.
/// </summary>
public sealed class FilterModel
{
    /// <summary>The entities the API exposes, with their GraphQL type names.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Exposed = new Dictionary<Type, string>
    {
        [typeof(Client)] = "Client", [typeof(ClientProduct)] = "ClientProduct", [typeof(Lead)] = "Lead",
        [typeof(Interaction)] = "Interaction", [typeof(ClientQuery)] = "ClientQuery", [typeof(ServiceRequest)] = "ServiceRequest",
        [typeof(Product)] = "Product", [typeof(User)] = "User", [typeof(Team)] = "Team", [typeof(Role)] = "Role",
        [typeof(AuditEntry)] = "AuditEntry",
    };

    /// <summary>Never filterable or visible: secrets stay out of the schema entirely.</summary>
    private static readonly HashSet<string> Hidden = [nameof(User.PasswordHash), nameof(User.SecurityStamp), nameof(User.FailedSignIns), nameof(User.LockedUntil)];

    private readonly Dictionary<Type, IReadOnlyDictionary<string, FilterField>> _fields = [];

    public FilterModel(IModel model)
    {
        foreach (var (clr, _) in Exposed)
        {
            var entity = model.FindEntityType(clr) ?? throw new InvalidOperationException($"{clr.Name} is not mapped.");
            var fields = new Dictionary<string, FilterField>();
            foreach (var property in entity.GetProperties().Where(p => !p.IsShadowProperty() && !Hidden.Contains(p.Name)))
            {
                var name = property.IsPrimaryKey() ? "databaseId" : Camel(property.Name);
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                fields[name] = new FilterField(name, property.Name, FilterFieldKind.Scalar, type, property.IsNullable,
                    FieldRules.For(clr, property.Name));
            }
            foreach (var navigation in entity.GetNavigations().Where(n => Exposed.ContainsKey(n.TargetEntityType.ClrType)))
            {
                var kind = navigation.IsCollection ? FilterFieldKind.Collection : FilterFieldKind.Reference;
                fields[Camel(navigation.Name)] = new FilterField(Camel(navigation.Name), navigation.Name, kind,
                    navigation.TargetEntityType.ClrType, !navigation.IsCollection && !navigation.ForeignKey.IsRequired);
            }
            _fields[clr] = fields;
        }
    }

    public IReadOnlyDictionary<string, FilterField> FieldsOf(Type entity) => _fields[entity];

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

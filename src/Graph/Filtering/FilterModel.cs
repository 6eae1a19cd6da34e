using JlnbCrm.Access;
using JlnbCrm.Auditing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Households;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore.Metadata;

namespace JlnbCrm.Graph.Filtering;

public enum FilterFieldKind { Scalar, Reference, Collection }

/// <summary>
/// One filterable field: a mapped property or navigation of an entity, under its GraphQL name. A to-many relation
/// the entity has no navigation for (clients' interactions, a team's members…) is a collection whose items are the
/// rows of <see cref="ClrType"/> whose foreign key <see cref="InverseKey"/> holds the parent's key <see cref="Member"/>.
/// A to-one reference names the foreign key property it follows (<see cref="ForeignKey"/>), e.g. productId.
/// </summary>
public sealed record FilterField(string Name, string Member, FilterFieldKind Kind, Type ClrType, bool IsNullable,
    FieldRule? Rule = null, string? InverseKey = null, string? Description = null, string? ForeignKey = null)
{
    /// <summary>
    /// Every scalar sorts (the keyset pager orders nulls last and enums in their declared order,
    /// <see cref="JlnbCrm.Paging.SortKey"/>); a to-one relation sorts by the fields of the row it leads to.
    /// </summary>
    public bool IsSortable => Kind is FilterFieldKind.Scalar or FilterFieldKind.Reference;

    /// <summary>For a to-one relation: the fields of the entity it leads to (for nested sort terms).</summary>
    public Func<IReadOnlyDictionary<string, FilterField>>? Target { get; init; }
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
        [typeof(Client)] = "Client", [typeof(ClientProduct)] = "ClientProduct", [typeof(Household)] = "Household", [typeof(Lead)] = "Lead",
        [typeof(Interaction)] = "Interaction", [typeof(ClientQuery)] = "ClientQuery", [typeof(ServiceRequest)] = "ServiceRequest",
        [typeof(Product)] = "Product", [typeof(User)] = "User", [typeof(Team)] = "Team", [typeof(Role)] = "Role",
        [typeof(AuditEntry)] = "AuditEntry", [typeof(JlnbCrm.Consents.Consent)] = "Consent",
    };

    /// <summary>Never filterable or visible: secrets stay out of the schema entirely.</summary>
    private static readonly HashSet<string> Hidden = [nameof(User.PasswordHash), nameof(User.SecurityStamp), nameof(User.FailedSignIns), nameof(User.LockedUntil)];

    /// <summary>Copies of ownership stored for row security (Access/ClientOwnership.cs): not part of the API.</summary>
    private static bool IsStoredOwnership(Type entity, string property) =>
        property is nameof(IClientOwned.ClientRmId) or nameof(IClientOwned.ClientTeamId)
        || entity == typeof(Client) && property == nameof(Client.TeamId);

    /// <summary>
    /// The names of the to-many relations read from foreign keys (child entity, its key property). A foreign key
    /// added later without a name here is still filterable, as <c>{children}By{Key}</c> (e.g. leadsByProduct).
    /// </summary>
    private static readonly Dictionary<(Type Child, string Key), (string Name, string Description)> RelationNames = new()
    {
        [(typeof(Interaction), nameof(Interaction.ClientId))] = ("interactions", "The client's interactions."),
        [(typeof(ClientQuery), nameof(ClientQuery.ClientId))] = ("queries", "The client's queries."),
        [(typeof(ServiceRequest), nameof(ServiceRequest.ClientId))] = ("serviceRequests", "The client's service requests."),
        [(typeof(Lead), nameof(Lead.RefGivenByClientId))] = ("references", "The references (leads) the client gave."),
        [(typeof(Lead), nameof(Lead.ConvertedClientId))] = ("convertedFrom", "The references converted into this client."),
        [(typeof(Client), nameof(Client.HouseholdId))] = ("members", "The household's members."),
        [(typeof(Household), nameof(Household.HeadClientId))] = ("headOf", "The household this client heads."),
        [(typeof(Client), nameof(Client.AssignedRmId))] = ("clients", "The clients this user is the RM of."),
        [(typeof(Interaction), nameof(Interaction.UserId))] = ("interactions", "The interactions this user logged."),
        [(typeof(Lead), nameof(Lead.RefObtainedById))] = ("leadsObtained", "The references this user obtained."),
        [(typeof(Lead), nameof(Lead.ConversionRmId))] = ("leadsToConvert", "The references this user is to convert."),
        [(typeof(ClientQuery), nameof(ClientQuery.AssignedRmId))] = ("clientQueries", "The queries assigned to this user."),
        [(typeof(ServiceRequest), nameof(ServiceRequest.AssignedUserId))] = ("serviceRequests", "The service requests assigned to this user."),
        [(typeof(User), nameof(User.TeamId))] = ("members", "The team's members."),
        [(typeof(User), nameof(User.RoleId))] = ("users", "The users with this role."),
        [(typeof(ClientProduct), nameof(ClientProduct.ProductId))] = ("holdings", "The clients' holdings of this product."),
        [(typeof(Lead), nameof(Lead.ProductId))] = ("leads", "The references for this product."),
        [(typeof(Interaction), nameof(Interaction.RelatedProductId))] = ("interactions", "The interactions about this product."),
        [(typeof(Interaction), nameof(Interaction.RelatedQueryId))] = ("interactions", "The interactions about this query."),
        [(typeof(Lead), nameof(Lead.OriginInteractionId))] = ("crossSellLeads", "The references this interaction cross-sold."),
        [(typeof(JlnbCrm.Consents.Consent), nameof(JlnbCrm.Consents.Consent.ClientId))] = ("consents", "The client's consents."),
        [(typeof(JlnbCrm.Consents.Consent), nameof(JlnbCrm.Consents.Consent.GivenById))] =
            ("consentsRecorded", "The consents this user recorded."),
        [(typeof(JlnbCrm.Consents.Consent), nameof(JlnbCrm.Consents.Consent.WithdrawnById))] =
            ("consentWithdrawalsRecorded", "The consent withdrawals this user recorded."),
    };

    private readonly Dictionary<Type, IReadOnlyDictionary<string, FilterField>> _fields = [];

    public FilterModel(IModel model)
    {
        foreach (var (clr, _) in Exposed)
        {
            var entity = model.FindEntityType(clr) ?? throw new InvalidOperationException($"{clr.Name} is not mapped.");
            var fields = new Dictionary<string, FilterField>();
            foreach (var property in entity.GetProperties().Where(p => !p.IsShadowProperty() && !Hidden.Contains(p.Name)
                && !IsStoredOwnership(entity.ClrType, p.Name)))
            {
                var name = property.IsPrimaryKey() ? "databaseId" : Camel(property.Name);
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                fields[name] = new FilterField(name, property.Name, FilterFieldKind.Scalar, type, property.IsNullable,
                    FieldRules.For(clr, property.Name));
            }
            foreach (var navigation in entity.GetNavigations().Where(n => Exposed.ContainsKey(n.TargetEntityType.ClrType)))
            {
                var kind = navigation.IsCollection ? FilterFieldKind.Collection : FilterFieldKind.Reference;
                var target = navigation.TargetEntityType.ClrType;
                var foreignKey = navigation.IsCollection || !navigation.IsOnDependent
                    ? null : navigation.ForeignKey.Properties[0].Name;
                fields[Camel(navigation.Name)] = new FilterField(Camel(navigation.Name), navigation.Name, kind,
                    target, !navigation.IsCollection && !navigation.ForeignKey.IsRequired, ForeignKey: foreignKey)
                    { Target = navigation.IsCollection ? null : () => _fields[target] };
            }
            foreach (var key in entity.GetReferencingForeignKeys())
            {
                var child = key.DeclaringEntityType.ClrType;
                if (key.PrincipalToDependent is not null || !Exposed.ContainsKey(child) || key.Properties.Count != 1) continue;
                var property = key.Properties[0].Name;
                var (name, description) = RelationNames.TryGetValue((child, property), out var named) ? named
                    : ($"{Camel(Exposed[child])}sBy{property[..^2]}", $"The {Exposed[child]} rows whose {property} is this row.");
                fields[name] = new FilterField(name, key.PrincipalKey.Properties[0].Name, FilterFieldKind.Collection, child, false,
                    InverseKey: property, Description: description);
            }
            _fields[clr] = fields;
        }
    }

    public IReadOnlyDictionary<string, FilterField> FieldsOf(Type entity) => _fields[entity];

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

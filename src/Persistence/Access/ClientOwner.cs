namespace JlnbCrm.Access;

/// <summary>
/// Who owns each client (its RM and the RM's team), read straight from the tables without row filters.
/// Visibility rules of service requests, queries, interactions and holdings look owners up here instead
/// of through <c>Client</c>, whose own rule looks at service requests and queries: that keeps the rules
/// free of cycles (EF Core would recurse forever through cyclic query filters).
/// </summary>
public sealed class ClientOwner
{
    public long ClientId { get; private set; }
    public long RmId { get; private set; }
    public long? TeamId { get; private set; }
}

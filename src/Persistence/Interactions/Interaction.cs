using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.Products;
using JlnbCrm.Users;

namespace JlnbCrm.Interactions;

/// <summary>A logged contact with a client. A Query Resolution always names the query it worked on.</summary>
public sealed class Interaction : Entity, Access.IClientOwned
{
    private Interaction() { }

    public Interaction(long clientId, long userId, InteractionType type, string details, DateTime occurredAt,
        long? relatedProductId = null, long? relatedQueryId = null)
        : this(clientId, userId, type, details, occurredAt, relatedProductId, relatedQueryId, null) { }

    private Interaction(long clientId, long userId, InteractionType type, string details, DateTime occurredAt,
        long? relatedProductId, long? relatedQueryId, ClientQuery? relatedQuery)
    {
        if (!Enum.IsDefined(type))
            throw new RuleViolationException(ErrorCodes.Invalid, "Unknown interaction type.", "type");
        if (type == InteractionType.QueryResolution && relatedQueryId is null && relatedQuery is null)
            throw new RuleViolationException(ErrorCodes.Required, "A Query Resolution interaction must name the query it resolves.", "relatedQueryId");
        if (occurredAt.Kind != DateTimeKind.Utc)
            throw new ArgumentException("Interaction times are UTC.", nameof(occurredAt));
        if (occurredAt > DateTime.UtcNow.AddMinutes(5))
            throw new RuleViolationException(ErrorCodes.Invalid, "An interaction cannot be logged in the future.", "occurredAt");
        ClientId = clientId;
        UserId = userId;
        Type = type;
        Details = Guard.Required(details, "details", 4000);
        OccurredAt = occurredAt;
        RelatedProductId = relatedProductId;
        RelatedQueryId = relatedQueryId;
        RelatedQuery = relatedQuery;
    }

    /// <summary>A Query Resolution for <paramref name="query"/>, which may not be saved yet.</summary>
    public static Interaction ResolvingQuery(ClientQuery query, long userId, string details, DateTime occurredAt)
        => new(query.ClientId, userId, InteractionType.QueryResolution, details, occurredAt, null,
            query.Id == 0 ? null : query.Id, query);

    public long ClientId { get; private set; }
    public Client? Client { get; private set; }
    public long ClientRmId { get; private set; }
    public long? ClientTeamId { get; private set; }
    void Access.IClientOwned.CopyClientOwner(long rmId, long? teamId) => (ClientRmId, ClientTeamId) = (rmId, teamId);
    public long UserId { get; private set; }
    public User? User { get; private set; }
    public InteractionType Type { get; private set; }
    public string Details { get; private set; } = "";
    public long? RelatedProductId { get; private set; }
    public Product? RelatedProduct { get; private set; }
    public long? RelatedQueryId { get; private set; }
    public ClientQuery? RelatedQuery { get; private set; }
    public DateTime OccurredAt { get; private set; }
}

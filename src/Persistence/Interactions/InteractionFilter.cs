namespace JlnbCrm.Interactions;

/// <summary>The interactions screen's filters: who logged it, its type, when (UTC bounds, end exclusive), the product.</summary>
public sealed record InteractionFilter(long? UserId = null, InteractionType? Type = null, DateTime? FromUtc = null,
    DateTime? ToUtc = null, long? ProductId = null)
{
    public IQueryable<Interaction> Apply(IQueryable<Interaction> interactions)
    {
        if (UserId is { } user) interactions = interactions.Where(i => i.UserId == user);
        if (Type is { } type) interactions = interactions.Where(i => i.Type == type);
        if (FromUtc is { } from) interactions = interactions.Where(i => i.OccurredAt >= from);
        if (ToUtc is { } to) interactions = interactions.Where(i => i.OccurredAt < to);
        if (ProductId is { } product) interactions = interactions.Where(i => i.RelatedProductId == product);
        return interactions;
    }
}

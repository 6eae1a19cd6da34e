namespace JlnbCrm.ClientQueries;

/// <summary>The queries screen's filters; age is "raised at least this many days ago".</summary>
public sealed record ClientQueryFilter(ClientQueryStatus? Status = null, long? AssignedRmId = null, int? MinAgeDays = null, long? ClientId = null)
{
    public IQueryable<ClientQuery> Apply(IQueryable<ClientQuery> queries, DateTime utcNow)
    {
        if (Status is { } status) queries = queries.Where(q => q.Status == status);
        if (AssignedRmId is { } rm) queries = queries.Where(q => q.AssignedRmId == rm);
        if (Domain.MinimumAge.CreatedAtOrBefore(MinAgeDays, utcNow) is { } before) queries = queries.Where(q => q.CreatedAt <= before);
        if (ClientId is { } client) queries = queries.Where(q => q.ClientId == client);
        return queries;
    }
}

using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Interactions;
using JlnbCrm.ServiceLevels;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.ClientQueries;

/// <summary>Client queries: open, edit, assign, start, resolve, close. Resolving logs a Query Resolution interaction.</summary>
public sealed class ClientQueryDesk(CrmDbContext db, ClientService clients)
{
    public async Task<ClientQuery> OpenAsync(long clientId, string details, long? assignedRmId, CancellationToken ct = default)
    {
        // Anyone who sees the client may raise a query; who answers it is an assignment, with its rules.
        var client = await db.Clients.Include(c => c.AssignedRm).RequireAsync(clientId, "client", "clientId", ct);
        // By default the client's RM answers, which is handing them work: not for someone who only reaches the client.
        if (assignedRmId is null) db.Actor.RequireMayOpenQueryForItsRm(client);
        var rm = assignedRmId is null
            ? await clients.ActiveUserAsync(client.AssignedRmId, "assignedRmId", ct)
            : await clients.AssignableUserAsync(assignedRmId, "assignedRmId", ct);
        var query = new ClientQuery(client.Id, rm.Id, details);
        var now = db.UtcNow;
        query.StartClock(now, (await SlaTargets.LoadAsync(db, ct)).DueAt(null, now));
        db.ClientQueries.Add(query);
        await db.SaveChangesAsync(ct);
        return query;
    }

    public Task<ClientQuery> UpdateAsync(long id, long version, string details, CancellationToken ct = default) =>
        ChangeAsync(id, version, "edit it", q => q.UpdateDetails(details), ct);

    public async Task<ClientQuery> AssignAsync(long id, long version, long rmId, CancellationToken ct = default)
    {
        var query = await LoadWorkableAsync(id, version, "reassign it", ct);
        var rm = await clients.ActiveUserAsync(rmId, "rmId", ct);
        db.Actor.RequireMayAssign(rm, "rmId", selfAllowed: true);
        query.Assign(rm);
        await db.SaveChangesAsync(ct);
        return query;
    }

    public Task<ClientQuery> StartAsync(long id, long version, CancellationToken ct = default) =>
        ChangeAsync(id, version, "start it", q => q.Start(), ct);

    public async Task<ClientQuery> ResolveAsync(long id, long version, string? resolution, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var query = await ChangeAsync(id, version, "resolve it", q => q.Resolve(resolution, db.UtcNow), ct);
        db.Interactions.Add(Interaction.ResolvingQuery(query, db.Actor.UserId ?? query.AssignedRmId, query.Resolution!, db.UtcNow));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return query;
    }

    public Task<ClientQuery> CloseAsync(long id, long version, string? resolution, CancellationToken ct = default) =>
        ChangeAsync(id, version, "close it", q => q.Close(resolution, db.UtcNow), ct);

    private async Task<ClientQuery> ChangeAsync(long id, long version, string what, Action<ClientQuery> change, CancellationToken ct)
    {
        var query = await LoadWorkableAsync(id, version, what, ct);
        change(query);
        await db.SaveChangesAsync(ct);
        return query;
    }

    /// <summary>A query to change, once the actor is known to work it (seeing it is not enough).</summary>
    private async Task<ClientQuery> LoadWorkableAsync(long id, long version, string what, CancellationToken ct)
    {
        var query = await db.ClientQueries.Include(q => q.AssignedRm).Include(q => q.Client).ThenInclude(c => c!.AssignedRm)
            .LoadForEditAsync(id, version, "query", ct);
        db.Actor.RequireMayWorkQuery(query, what);
        return query;
    }
}

using JlnbCrm.Access;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Leads;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Deleting;

/// <summary>
/// Deletes, as docs/access.md's Delete column allows (<see cref="AccessRules.RequireMayDelete"/>), each with a required
/// reason kept in the audit trail. A delete that would orphan or silently rewrite other data is refused with
/// <see cref="ErrorCodes.InUse"/>, saying what holds the record; the database's foreign keys stay a second wall. The
/// checks read past the row filters (on PostgreSQL, row-level security still limits them to rows the actor may see;
/// the foreign keys catch the rest). Each delete loads the people its access rule names and checks the version the
/// person saw, so a record changed since it was opened is a CONFLICT, not a surprise loss.
/// </summary>
public sealed class RecordDeletion(CrmDbContext db)
{
    public async Task DeleteLeadAsync(long id, long version, string? reason, CancellationToken ct = default)
    {
        var lead = await db.Leads.Include(l => l.RefObtainedBy).Include(l => l.ConversionRm)
            .LoadForEditAsync(id, version, "reference", ct);
        db.Actor.RequireMayDelete(lead, "this reference");
        // A converted reference is where its client came from (clients.source_lead_id) and part of the client's story.
        if (lead.Status == LeadStatus.Converted
            || await db.Clients.IgnoreQueryFilters().AnyAsync(c => c.SourceLeadId == id, ct))
            throw InUse("This reference was converted into a client and is part of that client's history; it cannot be deleted.");
        await DeleteAsync(lead, reason, ct);
    }

    public async Task DeleteInteractionAsync(long id, long version, string? reason, CancellationToken ct = default)
    {
        var interaction = await db.Interactions.Include(i => i.User).Include(i => i.Client).ThenInclude(c => c!.AssignedRm)
            .LoadForEditAsync(id, version, "interaction", ct);
        db.Actor.RequireMayDelete(interaction, "this interaction");
        // Its cross-sell references would lose where they came from (leads.origin_interaction_id would be cleared).
        var crossSells = await db.Leads.IgnoreQueryFilters().CountAsync(l => l.OriginInteractionId == id, ct);
        if (crossSells > 0)
            throw InUse($"This portfolio review created {crossSells} cross-sell reference(s); delete those first, or keep it.");
        await DeleteAsync(interaction, reason, ct);
    }

    public async Task DeleteClientQueryAsync(long id, long version, string? reason, CancellationToken ct = default)
    {
        var query = await db.ClientQueries.Include(q => q.AssignedRm).Include(q => q.Client).ThenInclude(c => c!.AssignedRm)
            .LoadForEditAsync(id, version, "query", ct);
        db.Actor.RequireMayDelete(query, "this query");
        var interactions = await db.Interactions.IgnoreQueryFilters().CountAsync(i => i.RelatedQueryId == id, ct);
        if (interactions > 0)
            throw InUse($"{interactions} interaction(s) record work on this query (its resolution); delete those first, or keep it.");
        await DeleteAsync(query, reason, ct);
    }

    public async Task DeleteServiceRequestAsync(long id, long version, string? reason, CancellationToken ct = default)
    {
        var request = await db.ServiceRequests.Include(r => r.AssignedUser).Include(r => r.Client).ThenInclude(c => c!.AssignedRm)
            .LoadForEditAsync(id, version, "service request", ct);
        db.Actor.RequireMayDelete(request, "this service request");
        await DeleteAsync(request, reason, ct);
    }

    /// <summary>
    /// An admin deletes a client with no history: no reference converted into it or given by it, no interaction,
    /// query or service request. Its product holdings are not history but part of the record: they go with it (each
    /// audited as deleted). A client with history is kept; hand it to another RM instead.
    /// </summary>
    public async Task DeleteClientAsync(long id, long version, string? reason, CancellationToken ct = default)
    {
        var client = await db.Clients.Include(c => c.AssignedRm).Include(c => c.Products)
            .LoadForEditAsync(id, version, "client", ct);
        db.Actor.RequireMayDelete(client, "this client");
        var history = new List<string>();
        if (client.SourceLeadId is not null || await db.Leads.IgnoreQueryFilters()
                .AnyAsync(l => l.ConvertedClientId == id || l.RefGivenByClientId == id, ct))
            history.Add("references");
        if (await db.Interactions.IgnoreQueryFilters().AnyAsync(i => i.ClientId == id, ct)) history.Add("interactions");
        if (await db.ClientQueries.IgnoreQueryFilters().AnyAsync(q => q.ClientId == id, ct)) history.Add("queries");
        if (await db.ServiceRequests.IgnoreQueryFilters().AnyAsync(r => r.ClientId == id, ct)) history.Add("service requests");
        if (history.Count > 0)
            throw InUse($"This client has history ({string.Join(", ", history)}), which is kept: "
                + "hand the client to another RM instead of deleting it.");
        await DeleteAsync(client, reason, ct);
    }

    private async Task DeleteAsync(Entity record, string? reason, CancellationToken ct)
    {
        db.Delete(record, reason);
        await db.SaveChangesAsync(ct);
    }

    private static RuleViolationException InUse(string message) => new(ErrorCodes.InUse, message, "id");
}

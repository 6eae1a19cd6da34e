using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Households;

/// <summary>
/// Household workflows, shared by the GraphQL API and the pages. Joining or leaving a household changes the member's
/// client record, so it takes the right to edit that client (<see cref="AccessRules.RequireMayEditClient"/>): an RM
/// groups their own clients, and may add their client to a household another RM's client heads (families often have
/// several RMs), but never moves someone else's client. Renaming or changing the head takes the right to edit the head.
/// </summary>
public sealed class HouseholdBook(CrmDbContext db)
{
    public async Task<Household> CreateAsync(string name, long headClientId, CancellationToken ct = default)
    {
        var head = await EditableClientAsync(headClientId, "headClientId", "make it head of a household", ct);
        if (head.HouseholdId is not null)
            throw new RuleViolationException(ErrorCodes.Duplicate,
                $"{head.Name} already belongs to a household; remove them from it first.", "headClientId");
        var household = new Household(name, head);
        db.Households.Add(household);
        await db.SaveChangesAsync(ct);
        return household;
    }

    public async Task<Household> RenameAsync(long id, long? version, string name, CancellationToken ct = default)
    {
        var household = await db.Households.LoadForEditAsync(id, version, "household", ct);
        await EditableClientAsync(household.HeadClientId, "id", "rename its household", ct);
        household.Rename(name);
        await db.SaveChangesAsync(ct);
        return household;
    }

    public async Task<Household> AddMemberAsync(long householdId, long clientId, CancellationToken ct = default)
    {
        var household = await db.Households.LoadForEditAsync(householdId, null, "household", ct);
        var client = await EditableClientAsync(clientId, "clientId", "add it to a household", ct);
        household.Admit(client);
        await db.SaveChangesAsync(ct);
        return household;
    }

    /// <summary>Takes a client out of their household; the head leaves last, which removes the household.</summary>
    public async Task<Household?> RemoveMemberAsync(long clientId, CancellationToken ct = default)
    {
        var client = await EditableClientAsync(clientId, "clientId", "remove it from its household", ct);
        var household = client.HouseholdId is { } id ? await db.Households.FirstOrDefaultAsync(h => h.Id == id, ct) : null;
        if (household is null)
            throw new RuleViolationException(ErrorCodes.Invalid, $"{client.Name} belongs to no household.", "clientId");
        // The members the actor sees; if others remain out of their sight, the household's foreign key still refuses
        // to remove it from under them (IN_USE), on both providers.
        var members = await db.Clients.CountAsync(c => c.HouseholdId == household.Id, ct);
        var emptied = household.Release(client, members);
        if (emptied) db.Households.Remove(household);
        await db.SaveChangesAsync(ct);
        return emptied ? null : household;
    }

    public async Task<Household> SetHeadAsync(long householdId, long clientId, CancellationToken ct = default)
    {
        var household = await db.Households.LoadForEditAsync(householdId, null, "household", ct);
        var client = await EditableClientAsync(clientId, "clientId", "make it head of its household", ct);
        household.MakeHead(client);
        await db.SaveChangesAsync(ct);
        return household;
    }

    /// <summary>The households screen's search: a name fragment, any case (households the actor sees).</summary>
    public static IQueryable<Household> Search(IQueryable<Household> households, string? term)
    {
        term = SearchText.Require(term, "search")?.Trim();
        if (string.IsNullOrEmpty(term)) return households;
        var lower = term.ToLower();
        return households.Where(h => h.Name.ToLower().Contains(lower));
    }

    private async Task<Client> EditableClientAsync(long id, string field, string what, CancellationToken ct)
    {
        var client = await db.Clients.Include(c => c.AssignedRm).FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new RuleViolationException(ErrorCodes.NotFound, $"No client has id {id}.", field);
        db.Actor.RequireMayEditClient(client, what, field);
        return client;
    }
}

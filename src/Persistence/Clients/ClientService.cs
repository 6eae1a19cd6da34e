using JlnbCrm.Access;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Products;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Clients;

/// <summary>Client workflows, shared by the GraphQL API and the pages.</summary>
public sealed class ClientService(CrmDbContext db)
{
    public async Task<Client> CreateAsync(ClientDetails details, long? assignedRmId, CancellationToken ct = default)
    {
        var rm = await AssignableUserAsync(assignedRmId, "assignedRmId", ct);
        var client = new Client(details, rm.Id);
        await EnsurePanFreeAsync(client.Pan, null, ct);
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        return client;
    }

    public Task<Client> UpdateAsync(long id, long version, ClientDetails details, CancellationToken ct = default) =>
        UpdateAsync(id, version, _ => details, ct);

    /// <summary>Edits from the current details (an API patch sends only the fields that change).</summary>
    public async Task<Client> UpdateAsync(long id, long version, Func<ClientDetails, ClientDetails> edit, CancellationToken ct = default)
    {
        var client = await db.Clients.Include(c => c.AssignedRm).LoadForEditAsync(id, version, "client", ct);
        db.Actor.RequireMayEditClient(client, "edit its details");
        client.Update(edit(client.Details));
        await EnsurePanFreeAsync(client.Pan, client.Id, ct);
        await db.SaveChangesAsync(ct);
        return client;
    }

    public async Task<Client> AssignRmAsync(long id, long version, long rmId, CancellationToken ct = default)
    {
        var client = await db.Clients.Include(c => c.AssignedRm).LoadForEditAsync(id, version, "client", ct);
        var rm = await ActiveUserAsync(rmId, "rmId", ct);
        db.Actor.RequireMayReassignClient(client, rm);
        client.AssignRm(rm);
        await db.SaveChangesAsync(ct);
        return client;
    }

    public async Task<Client> AddProductAsync(long clientId, long productId, DateOnly? subscribedOn, CancellationToken ct = default)
    {
        var client = await ForHoldingsAsync(clientId, ct);
        var product = await db.Products.RequireAsync(productId, "product", "productId", ct);
        client.AddProduct(product, subscribedOn ?? DateOnly.FromDateTime(db.UtcNow));
        await db.SaveChangesAsync(ct);
        return client;
    }

    public async Task<Client> RemoveProductAsync(long clientId, long productId, CancellationToken ct = default)
    {
        var client = await ForHoldingsAsync(clientId, ct);
        client.RemoveProduct(productId);
        await db.SaveChangesAsync(ct);
        return client;
    }

    /// <summary>A client whose holdings are about to change, once the actor is known to own it (seeing it is not enough).</summary>
    private async Task<Client> ForHoldingsAsync(long clientId, CancellationToken ct)
    {
        var client = await db.Clients.Include(c => c.Products).Include(c => c.AssignedRm).LoadForEditAsync(clientId, null, "client", ct);
        db.Actor.RequireMayEditClient(client, "change its products");
        return client;
    }

    /// <summary>Checked before saving so the user reads which client holds the PAN; the unique index still guards races.</summary>
    private async Task EnsurePanFreeAsync(string pan, long? exceptId, CancellationToken ct)
    {
        var holder = await db.Clients.Where(c => c.Pan == pan && c.Id != exceptId).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(ct);
        if (holder is not null)
            throw new RuleViolationException(ErrorCodes.Duplicate, $"PAN {pan} already belongs to client {holder.Name} (id {holder.Id}).", "pan");
    }

    internal async Task<User> ActiveUserAsync(long? id, string field, CancellationToken ct)
    {
        if (id is null)
            throw new RuleViolationException(ErrorCodes.Required, "Choose a user.", field);
        return RequireActive(await db.Users.RequireAsync(id.Value, "user", field, ct), field);
    }

    /// <summary>The same rule for a user already loaded with the record that names them (no second read).</summary>
    internal static User RequireActive(User user, string field) => user.IsActive ? user
        : throw new RuleViolationException(ErrorCodes.Invalid, $"{user.Name} is inactive.", field);

    /// <summary>
    /// An active user the actor may put down as responsible for new work (a client's RM, whoever obtained a
    /// reference or logged an interaction): anyone for admins, the team for heads, themselves for juniors.
    /// </summary>
    internal async Task<User> AssignableUserAsync(long? id, string field, CancellationToken ct)
    {
        var user = await ActiveUserAsync(id ?? db.Actor.UserId, field, ct);
        db.Actor.RequireMayAssign(user, field, selfAllowed: true);
        return user;
    }

    /// <summary>
    /// The id of <see cref="AssignableUserAsync"/>'s user, without reading the actor's own row when the work is the
    /// actor's: anyone may put themself down (selfAllowed), and a deactivated user's request is refused by its
    /// credential check before it reads or writes anything (Users/CredentialCheck.cs). Saves a round trip.
    /// </summary>
    internal async Task<long> AssignableUserIdAsync(long? id, string field, CancellationToken ct) =>
        db.Actor.UserId is { } self && (id ?? self) == self ? self : (await AssignableUserAsync(id, field, ct)).Id;
}

using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Interactions;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Leads;

/// <summary>The References module's workflow: add, edit, move to WIP, deny, assign, convert.</summary>
public sealed class LeadWorkflow(CrmDbContext db, ClientService clients, LeadDuplicates duplicates)
{
    /// <summary>Adds a reference; one that may duplicate a client or open reference needs <paramref name="addAnyway"/>.</summary>
    public async Task<Lead> CreateAsync(LeadDetails details, long? refObtainedById, bool addAnyway = false, CancellationToken ct = default)
    {
        var obtainedBy = await clients.AssignableUserAsync(refObtainedById, "refObtainedById", ct);
        await EnsureReferencesAsync(details, ct);
        await duplicates.EnsureNoneAsync(details, addAnyway, ct);
        var lead = new Lead(details, obtainedBy.Id);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(ct);
        return lead;
    }

    public Task<Lead> UpdateAsync(long id, long version, LeadDetails details, CancellationToken ct = default) =>
        UpdateAsync(id, version, _ => details, ct);

    /// <summary>Edits from the current details (an API patch sends only the fields that change).</summary>
    public async Task<Lead> UpdateAsync(long id, long version, Func<LeadDetails, LeadDetails> edit, CancellationToken ct = default)
    {
        var lead = await LoadOwnedAsync(id, version, "edit it", ct);
        var details = edit(lead.Details);
        await EnsureReferencesAsync(details, ct);
        lead.Update(details);
        await db.SaveChangesAsync(ct);
        return lead;
    }

    public Task<Lead> MoveToWipAsync(long id, long version, CancellationToken ct = default) =>
        ChangeAsync(id, version, "move it to WIP", lead => lead.MoveToWip(), ct);

    public Task<Lead> DenyAsync(long id, long version, string? reason, CancellationToken ct = default) =>
        ChangeAsync(id, version, "deny it", lead => lead.Deny(reason), ct);

    public async Task<Lead> AssignConversionRmAsync(long id, long version, long rmId, CancellationToken ct = default)
    {
        var lead = await LoadOwnedAsync(id, version, "choose who converts it", ct);
        var rm = await clients.ActiveUserAsync(rmId, "rmId", ct);
        db.Actor.RequireMayAssign(rm, "rmId", selfAllowed: true);
        lead.AssignConversionRm(rm);
        await db.SaveChangesAsync(ct);
        return lead;
    }

    /// <summary>
    /// In one transaction: links the client that already has the prospect's PAN or creates one, adds the
    /// product of interest to the client's holdings, marks the reference Converted and logs a New Business
    /// interaction. Either all of it happens or none of it.
    /// </summary>
    public async Task<Conversion> ConvertAsync(long id, long version, ConversionDetails details, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The reference comes with its people and its product: a round trip each saved (bench/README.md, mutations).
        var lead = await LoadOwnedAsync(id, version, "convert it", ct, withProduct: true);
        lead.EnsureConvertible();
        var pan = Pan.Parse(details.Pan ?? lead.Pan);
        var rmId = lead.ConvertingRmId;
        var rm = ClientService.RequireActive(lead.ConvertingRm!, "conversionRmId");
        db.Actor.RequireMayActFor(rm, "convert this reference (it makes them the client's RM)", "conversionRmId");
        var client = await db.Clients.Include(c => c.Products).Include(c => c.AssignedRm).FirstOrDefaultAsync(c => c.Pan == pan, ct);
        // Converting into a client that already has the PAN is work on that client (it gains a holding): a client the
        // actor sees only through a request or query is not theirs to change.
        if (client is not null) db.Actor.RequireMayEditClient(client, "convert a reference into this existing client");
        var created = client is null;
        if (client is null)
        {
            client = new Client(new ClientDetails(details.Name ?? lead.ProspectName, pan, details.AccountId,
                lead.Mobile, lead.Email, details.Address, details.DateOfBirth), rmId, lead.Id);
            db.Clients.Add(client);
        }
        var product = lead.Product!;
        if (client.Products.All(p => p.ProductId != product.Id))
            client.AddProduct(product, DateOnly.FromDateTime(db.UtcNow));
        await db.SaveChangesAsync(ct);

        lead.Convert(client);
        db.Interactions.Add(new Interaction(client.Id, db.Actor.UserId ?? rmId, InteractionType.NewBusiness,
            details.Notes ?? $"Converted reference #{lead.Id}: {product.Name}.", db.UtcNow, product.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Conversion(lead, client, created);
    }

    private async Task<Lead> ChangeAsync(long id, long version, string what, Action<Lead> change, CancellationToken ct)
    {
        var lead = await LoadOwnedAsync(id, version, what, ct);
        change(lead);
        await db.SaveChangesAsync(ct);
        return lead;
    }

    /// <summary>A reference to change, once the actor is known to own it (seeing it is not enough).</summary>
    private async Task<Lead> LoadOwnedAsync(long id, long version, string what, CancellationToken ct, bool withProduct = false)
    {
        IQueryable<Lead> leads = db.Leads.Include(l => l.RefObtainedBy).Include(l => l.ConversionRm);
        var lead = await (withProduct ? leads.Include(l => l.Product) : leads).LoadForEditAsync(id, version, "reference", ct);
        db.Actor.RequireMayEditLead(lead, what);
        return lead;
    }

    private async Task EnsureReferencesAsync(LeadDetails details, CancellationToken ct)
    {
        var product = await db.Products.RequireAsync(details.ProductId, "product", "productId", ct);
        product.EnsureSellable("productId");
        if (details.RefGivenByClientId is { } clientId)
            await db.Clients.RequireAsync(clientId, "client", "refGivenByClientId", ct);
    }
}

/// <summary>What the converting RM confirms: the PAN (if the reference lacks it) and client details.</summary>
public sealed record ConversionDetails(
    string? Pan = null, string? Name = null, string? AccountId = null, string? Address = null,
    DateOnly? DateOfBirth = null, string? Notes = null);

/// <summary>The outcome of a conversion: the reference, its client, and whether that client is new.</summary>
public sealed record Conversion(Lead Lead, Client Client, bool CreatedClient);

using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Consents;

/// <summary>
/// The consent register (DPDP Act 2023), shared by the GraphQL API and the pages. Whoever sees a client reads its
/// consents (the row filter); whoever may edit the client (its RM, their head, admins) records a grant or withdrawal,
/// as themselves, with the evidence.
/// </summary>
public sealed class ConsentBook(CrmDbContext db)
{
    public async Task<Consent> GiveAsync(long clientId, ConsentPurpose purpose, string evidence, DateTime? givenAt = null,
        CancellationToken ct = default)
    {
        var client = await db.Clients.Include(c => c.AssignedRm).RequireAsync(clientId, "client", "clientId", ct);
        db.Actor.RequireMayEditClient(client, "record its consent", "clientId");
        if (await db.Consents.AnyAsync(c => c.ClientId == clientId && c.Purpose == purpose && c.WithdrawnAt == null, ct))
            throw new RuleViolationException(ErrorCodes.Duplicate,
                $"{client.Name} already consents to {EnumText<ConsentPurpose>.ToText(purpose)}.", "purpose");
        var at = givenAt ?? db.UtcNow;
        if (at > db.UtcNow)
            throw new RuleViolationException(ErrorCodes.Invalid, "Consent cannot be recorded as given in the future.", "givenAt");
        var consent = Consent.Give(client, purpose, at, db.Actor.UserId!.Value, evidence);
        db.Consents.Add(consent);
        await db.SaveChangesAsync(ct);
        return consent;
    }

    public async Task<Consent> WithdrawAsync(long consentId, long version, string evidence, CancellationToken ct = default)
    {
        var consent = await db.Consents.Include(c => c.Client!).ThenInclude(c => c.AssignedRm)
            .LoadForEditAsync(consentId, version, "consent", ct);
        db.Actor.RequireMayEditClient(consent.Client!, "record a withdrawal of its consent");
        consent.Withdraw(db.UtcNow, db.Actor.UserId!.Value, evidence);
        await db.SaveChangesAsync(ct);
        return consent;
    }

    /// <summary>Whether the client withdrew marketing consent (see <see cref="MarketingOptOut"/>, the one definition).</summary>
    public Task<bool> IsOptedOutOfMarketingAsync(long clientId, CancellationToken ct = default) =>
        db.MarketingOptOuts.AnyAsync(o => o.ClientId == clientId, ct);

    /// <summary>A portfolio review creates cross-sell references only for clients who have not opted out of marketing.</summary>
    public async Task RequireMayCrossSellAsync(Client client, CancellationToken ct = default)
    {
        if (await IsOptedOutOfMarketingAsync(client.Id, ct))
            throw new RuleViolationException(ErrorCodes.ConsentWithdrawn,
                $"{client.Name} withdrew consent to marketing: no cross-sell references may be created.", "crossSellProductIds");
    }
}

using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Leads;
using JlnbCrm.ServiceLevels;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Interactions;

/// <summary>Logs interactions; a portfolio review's cross-sell products each become a new reference.</summary>
public sealed class InteractionLog(CrmDbContext db, ClientService clients, Consents.ConsentBook consents)
{
    public async Task<LoggedInteraction> LogAsync(InteractionEntry entry, CancellationToken ct = default)
    {
        var userId = await clients.AssignableUserIdAsync(entry.UserId, "userId", ct);
        // Anyone who sees the client may log what they did with it, as themselves (docs/access.md: Interactions, Create).
        var client = await db.Clients.Include(c => c.AssignedRm).RequireAsync(entry.ClientId, "client", "clientId", ct);
        if (entry.RelatedProductId is { } relatedProductId)
            await db.Products.RequireAsync(relatedProductId, "product", "relatedProductId", ct);
        if (entry.RelatedQueryId is { } queryId)
        {
            var query = await db.ClientQueries.RequireAsync(queryId, "query", "relatedQueryId", ct);
            if (query.ClientId != client.Id)
                throw new RuleViolationException(ErrorCodes.Invalid, "That query belongs to another client.", "relatedQueryId");
        }
        if (entry.CrossSellProductIds.Count > 0 && entry.Type != InteractionType.PortfolioReview)
            throw new RuleViolationException(ErrorCodes.Invalid, "Only a Portfolio Review can create cross-sell references.", "crossSellProductIds");
        // Cross-selling from a portfolio is the client's RM's work, and each reference copies the client's PAN in clear.
        if (entry.CrossSellProductIds.Count > 0)
        {
            db.Actor.RequireMayEditClient(client, "create cross-sell references from this client's portfolio", "crossSellProductIds");
            await consents.RequireMayCrossSellAsync(client, ct); // a client who withdrew marketing consent gets no offers
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var interaction = new Interaction(client.Id, userId, entry.Type, entry.Details, entry.OccurredAt ?? db.UtcNow,
            entry.RelatedProductId, entry.RelatedQueryId);
        db.Interactions.Add(interaction);
        if (MovesReviewCalendar(entry.Type, client))
            client.RecordReview(WorkingCalendar.DateInIndia(interaction.OccurredAt));
        await db.SaveChangesAsync(ct);

        var leads = new List<Lead>();
        foreach (var productId in entry.CrossSellProductIds.Distinct())
        {
            var product = await db.Products.RequireAsync(productId, "product", "crossSellProductIds", ct);
            product.EnsureSellable("crossSellProductIds");
            var lead = new Lead(new LeadDetails(client.Name, client.Mobile, client.Email, client.Pan,
                $"Portfolio review of {client.Name}", ModeOfCommunication.Call, product.Id, client.Id,
                $"Cross-sell from portfolio review on {interaction.OccurredAt:yyyy-MM-dd}."), userId, interaction.Id);
            leads.Add(lead);
        }
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new LoggedInteraction(interaction, leads);
    }

    /// <summary>
    /// A portfolio review moves the client's next review date, when logged by someone who may edit the client (its RM,
    /// their head, an admin): the calendar is the RM's, and whoever only reaches the client through a request or query
    /// may note what they did without rescheduling the RM's work (docs/access.md, Review calendar).
    /// </summary>
    private bool MovesReviewCalendar(InteractionType type, Client client) =>
        type == InteractionType.PortfolioReview && db.Actor.MayEditClient(client);
}

public sealed record InteractionEntry(
    long ClientId, InteractionType Type, string Details, DateTime? OccurredAt = null, long? RelatedProductId = null,
    long? RelatedQueryId = null, IReadOnlyList<long>? CrossSell = null, long? UserId = null)
{
    public IReadOnlyList<long> CrossSellProductIds => CrossSell ?? [];
}

public sealed record LoggedInteraction(Interaction Interaction, IReadOnlyList<Lead> CrossSellLeads);

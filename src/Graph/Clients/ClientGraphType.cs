using JlnbCrm.Auditing;
using JlnbCrm.Graph.Auditing;
using GraphQL;
using GraphQL.Types;
using JlnbCrm.Access;
using JlnbCrm.ClientQueries;
using JlnbCrm.Domain;
using JlnbCrm.Clients;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.ClientQueries;
using JlnbCrm.Graph.Directory;
using JlnbCrm.Graph.Households;
using JlnbCrm.Households;
using JlnbCrm.Graph.Interactions;
using JlnbCrm.Graph.Leads;
using JlnbCrm.Graph.Paging;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Graph.ServiceRequests;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Clients;

public sealed class ClientGraphType : EntityGraphType<Client>
{
    public const int DefaultNestedInteractions = 10;

    /// <summary>
    /// People who reach a client only through their work (an ops executive's service request, another team's
    /// query) see its identifiers masked; the rule and the mask are the domain's (<see cref="Client.Protected"/>).
    /// </summary>
    private static object Reveal(IResolveFieldContext<Client> ctx, string value, MaskedFieldRule<Client> rule)
    {
        Func<string, string> mask = v => rule.Mask(v)!;
        var actor = ctx.RequestServices!.GetRequiredService<ICurrentActor>();
        // Decidable without the RM's team? Then no lookup; only a head's answer depends on the team.
        if (actor.SeesClientInFull(ctx.Source.AssignedRmId, rmTeamId: null)) return value;
        if (!actor.IsHead()) return mask(value);
        return ctx.Loaders().ById<User>(ctx.Source.AssignedRmId)
            .Then(rm => actor.SeesClientInFull(ctx.Source.AssignedRmId, rm?.TeamId) ? value : mask(value));
    }

    public ClientGraphType() : base("Client", "A client of the firm.")
    {
        Field(c => c.Name);
        Field<NonNullGraphType<StringGraphType>>("pan")
            .Description("Permanent Account Number (AAAAA9999A). Masked (ABCDE****F) unless you are an admin, the client's RM " +
                "or that RM's head; filters, sorting and search use the value as you see it.")
            .Resolve(ctx => Reveal(ctx, ctx.Source.Pan, Client.Protected.Pan));
        Field<StringGraphType>("accountId").Description("The firm's account id, once opened; masked like the PAN (****1234).")
            .Resolve(ctx => ctx.Source.AccountId is { } id ? Reveal(ctx, id, Client.Protected.AccountId) : null);
        Field(c => c.Mobile, nullable: true);
        Field(c => c.Email, nullable: true);
        Field(c => c.Address, nullable: true);
        Field(c => c.DateOfBirth, nullable: true);
        Field(c => c.Anniversary, nullable: true).Description("Wedding anniversary.");
        Field(c => c.ReviewFrequency).Description("How often the portfolio is reviewed (NONE: no recurring review).");
        Field(c => c.NextReviewOn, nullable: true)
            .Description("India's date the next portfolio review is due; a logged Portfolio Review moves it on by the frequency.");
        Field(c => c.AssignedRmId);
        Field<NonNullGraphType<UserGraphType>>("assignedRm").Description("The relationship manager responsible for the client.")
            .Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.AssignedRmId));
        Field(c => c.HouseholdId, nullable: true);
        Field<HouseholdGraphType>("household").Description("The family group the client belongs to.")
            .Resolve(ctx => ctx.Loaders().ById<Household>(ctx.Source.HouseholdId));
        Field(c => c.KycStatus).Description("KYC status as registered with the KYC registration agency.");
        Field(c => c.KycCheckedOn, nullable: true).Description("When the KYC status was last checked.");
        Field(c => c.KycCheckedById, nullable: true);
        Field<UserGraphType>("kycCheckedBy").Description("Who last checked the KYC status.")
            .Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.KycCheckedById));
        Field(c => c.SourceLeadId, nullable: true);
        Field<LeadGraphType>("sourceLead").Description("The reference this client was converted from.")
            .Resolve(ctx => ctx.Loaders().ById<Lead>(ctx.Source.SourceLeadId));
        this.NestedConnection<Client, ClientProductGraphType, ClientProduct>("products", "Products the client holds, oldest first.",
            p => p.ClientId, NaturalOrder.OldestHolding, PageSize.Max);
        this.NestedConnection<Client, InteractionGraphType, Interaction>("interactions", "The client's interactions, newest first.",
            i => i.ClientId, NaturalOrder.LatestOccurred, DefaultNestedInteractions);
        this.NestedConnection<Client, ClientQueryGraphType, ClientQuery>("queries", "The client's queries, newest first.",
            q => q.ClientId, NaturalOrder.Newest, PageSize.Max);
        this.NestedConnection<Client, ServiceRequestGraphType, ServiceRequest>("serviceRequests",
            "The client's service requests, newest first.", r => r.ClientId, NaturalOrder.Newest, PageSize.Max);
        this.NestedConnection<Client, LeadGraphType, Lead>("references", "The references (leads) the client gave, newest first.",
            l => l.RefGivenByClientId, NaturalOrder.Newest);
        this.NestedConnection<Client, LeadGraphType, Lead>("convertedFrom", "The references converted into this client, newest first.",
            l => l.ConvertedClientId, NaturalOrder.Newest);
        this.NestedConnection<Client, Consents.ConsentGraphType, JlnbCrm.Consents.Consent>("consents",
            "The client's consents, current and withdrawn, newest first.", k => k.ClientId, NaturalOrder.Newest, PageSize.Max);
        this.AddHistory(AuditedRecords.Clients);
    }
}

public sealed class ClientProductGraphType : ObjectGraphType<ClientProduct>
{
    public ClientProductGraphType()
    {
        Name = "ClientProduct";
        Description = "A product a client holds, since a date.";
        Field<NonNullGraphType<LongGraphType>>("databaseId").Resolve(ctx => ctx.Source.Id);
        Field(p => p.ClientId);
        Field<NonNullGraphType<ClientGraphType>>("client").Resolve(ctx => ctx.Loaders().ById<Client>(ctx.Source.ClientId));
        Field(p => p.ProductId);
        Field<NonNullGraphType<ProductGraphType>>("product").Resolve(ctx => ctx.Loaders().ById<Product>(ctx.Source.ProductId));
        Field(p => p.SubscribedOn);
        Field(p => p.CreatedAt);
    }
}

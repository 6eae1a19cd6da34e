using JlnbCrm.Auditing;
using JlnbCrm.Graph.Auditing;
using GraphQL.Types;
using JlnbCrm.Clients;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Clients;
using JlnbCrm.Graph.Directory;
using JlnbCrm.Graph.Interactions;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using JlnbCrm.Users;

namespace JlnbCrm.Graph.Leads;

public sealed class LeadGraphType : EntityGraphType<Lead>
{
    public LeadGraphType() : base("Lead", "A reference (lead): a prospect someone gave the firm, tracked New → WIP → Converted or Denied.")
    {
        Field(l => l.ProspectName);
        Field(l => l.Mobile, nullable: true);
        Field(l => l.Email, nullable: true);
        Field(l => l.Pan, nullable: true).Description("The prospect's PAN, if known.");
        Field(l => l.RefObtainedById);
        Field<NonNullGraphType<UserGraphType>>("refObtainedBy").Description("The staff member who obtained the reference.")
            .Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.RefObtainedById));
        Field(l => l.RefGivenBy, nullable: true).Description("Who gave the reference (often an existing client's name).");
        Field(l => l.RefGivenByClientId, nullable: true);
        Field<ClientGraphType>("refGivenByClient").Resolve(ctx => ctx.Loaders().ById<Client>(ctx.Source.RefGivenByClientId));
        Field(l => l.ConversionRmId, nullable: true);
        Field<UserGraphType>("conversionRm").Description("The RM who must convert it.")
            .Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.ConversionRmId));
        Field(l => l.ModeOfCommunication);
        Field(l => l.ProductId);
        Field<NonNullGraphType<ProductGraphType>>("product").Description("The product of interest.")
            .Resolve(ctx => ctx.Loaders().ById<Product>(ctx.Source.ProductId));
        Field(l => l.Notes, nullable: true);
        Field(l => l.Status);
        Field(l => l.DenialReason, nullable: true);
        Field(l => l.ConvertedClientId, nullable: true);
        Field<ClientGraphType>("convertedClient").Resolve(ctx => ctx.Loaders().ById<Client>(ctx.Source.ConvertedClientId));
        Field(l => l.OriginInteractionId, nullable: true);
        Field<InteractionGraphType>("originInteraction").Description("The portfolio review that produced this cross-sell reference.")
            .Resolve(ctx => ctx.Loaders().ById<Interaction>(ctx.Source.OriginInteractionId));
        this.AddHistory(AuditedRecords.Leads);
    }
}

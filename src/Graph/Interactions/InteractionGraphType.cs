using JlnbCrm.Auditing;
using JlnbCrm.Graph.Auditing;
using GraphQL.Types;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.ClientQueries;
using JlnbCrm.Graph.Clients;
using JlnbCrm.Graph.Directory;
using JlnbCrm.Graph.Leads;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using JlnbCrm.Users;
using JlnbCrm.Graph.Paging;

namespace JlnbCrm.Graph.Interactions;

public sealed class InteractionGraphType : EntityGraphType<Interaction>
{
    public InteractionGraphType() : base("Interaction", "A logged contact with a client.")
    {
        Field(i => i.ClientId);
        Field<NonNullGraphType<ClientGraphType>>("client").Resolve(ctx => ctx.Loaders().ById<Client>(ctx.Source.ClientId));
        Field(i => i.UserId);
        Field<NonNullGraphType<UserGraphType>>("user").Description("Who had the interaction.")
            .Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.UserId));
        Field(i => i.Type);
        Field(i => i.Details);
        Field(i => i.OccurredAt).Description("UTC.");
        Field(i => i.RelatedProductId, nullable: true);
        Field<ProductGraphType>("relatedProduct").Resolve(ctx => ctx.Loaders().ById<Product>(ctx.Source.RelatedProductId));
        Field(i => i.RelatedQueryId, nullable: true);
        Field<ClientQueryGraphType>("relatedQuery").Resolve(ctx => ctx.Loaders().ById<ClientQuery>(ctx.Source.RelatedQueryId));
        this.NestedConnection<Interaction, LeadGraphType, Lead>("crossSellLeads", "References this portfolio review created.",
            l => l.OriginInteractionId, NaturalOrder.ById, PageSize.Max);
        this.AddHistory(AuditedRecords.Interactions);
    }
}

using GraphQL.Types;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Products;
using JlnbCrm.Users;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Graph.ClientQueries;
using JlnbCrm.Graph.Clients;
using JlnbCrm.Graph.Interactions;
using JlnbCrm.Graph.Leads;
using JlnbCrm.Graph.ServiceRequests;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Graph.Paging;

namespace JlnbCrm.Graph.Directory;

public sealed class UserGraphType : EntityGraphType<User>
{
    public UserGraphType() : base("User", "A member of staff.")
    {
        Field(u => u.Name);
        Field(u => u.Email);
        Field(u => u.RoleId).Description("0 Admin, 1 Ops/RM Head, 2 Ops Exec/Junior RM.");
        Field<NonNullGraphType<RoleGraphType>>("role").Resolve(ctx => Role.All.Single(r => r.Id == ctx.Source.RoleId));
        Field(u => u.TeamId, nullable: true);
        Field<TeamGraphType>("team").Resolve(ctx => ctx.Loaders().ById<Team>(ctx.Source.TeamId));
        Field(u => u.IsActive).Description("Inactive users cannot sign in or be assigned work.");
        this.NestedConnection<User, ClientGraphType, Client>("clients", "The clients this user is the RM of, by name.",
            c => c.AssignedRmId, NaturalOrder.ByName);
        this.NestedConnection<User, InteractionGraphType, Interaction>("interactions", "The interactions this user logged, newest first.",
            i => i.UserId, NaturalOrder.LatestOccurred);
        this.NestedConnection<User, LeadGraphType, Lead>("leadsObtained", "The references this user obtained, newest first.",
            l => l.RefObtainedById, NaturalOrder.Newest);
        this.NestedConnection<User, LeadGraphType, Lead>("leadsToConvert", "The references this user is to convert, newest first.",
            l => l.ConversionRmId, NaturalOrder.Newest);
        this.NestedConnection<User, ClientQueryGraphType, ClientQuery>("clientQueries",
            "The queries assigned to this user, newest first.", q => q.AssignedRmId, NaturalOrder.Newest);
        this.NestedConnection<User, ServiceRequestGraphType, ServiceRequest>("serviceRequests",
            "The service requests assigned to this user, newest first.", r => r.AssignedUserId, NaturalOrder.Newest);
    }
}

public sealed class TeamGraphType : EntityGraphType<Team>
{
    public TeamGraphType() : base("Team", "A team of RMs and operations staff.")
    {
        Field(t => t.Name);
        Field(t => t.Kind).Description("RELATIONSHIP (RMs) or OPERATIONS (a desk that works service requests).");
        Field(t => t.IsDefaultDesk).Description("Receives the service requests of every type no desk route names.");
        this.NestedConnection<Team, UserGraphType, User>("members", "Its users, by name.", u => u.TeamId, NaturalOrder.ByName,
            PageSize.Max);
    }
}

public sealed class RoleGraphType : ObjectGraphType<Role>
{
    public RoleGraphType()
    {
        Name = "Role";
        Description = "An access level; fixed.";
        Field<NonNullGraphType<EnumerationGraphType<RoleLevel>>>("level").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("databaseId").Resolve(ctx => (int)ctx.Source.Id);
        Field(r => r.Name);
        Field(r => r.Description);
    }
}

public sealed class ProductGraphType : EntityGraphType<Product>
{
    public ProductGraphType() : base("Product", "Something the firm sells.")
    {
        Field(p => p.Name);
        Field(p => p.Category);
        Field(p => p.IsActive).Description("Retired products stay for history but cannot be newly sold.");
        this.NestedConnection<Product, ClientProductGraphType, ClientProduct>("holdings",
            "The clients' holdings of this product, oldest first.", h => h.ProductId, NaturalOrder.OldestHolding);
        this.NestedConnection<Product, LeadGraphType, Lead>("leads", "The references for this product, newest first.",
            l => l.ProductId, NaturalOrder.Newest);
        this.NestedConnection<Product, InteractionGraphType, Interaction>("interactions",
            "The interactions about this product, newest first.", i => i.RelatedProductId, NaturalOrder.LatestOccurred);
    }
}

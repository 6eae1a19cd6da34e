using GraphQL.Types;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Products;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;
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
    }
}

public sealed class TeamGraphType : EntityGraphType<Team>
{
    public TeamGraphType() : base("Team", "A team of RMs and operations staff.")
    {
        Field(t => t.Name);
        Field(t => t.Kind).Description("RELATIONSHIP (RMs) or OPERATIONS (a desk that works service requests).");
        Field(t => t.IsDefaultDesk).Description("Receives the service requests of every type no desk route names.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserGraphType>>>>("members").Description("Its users, by name.")
            .FirstArgument()
            .Resolve(ctx => ctx.Loaders().ByParent<User>("Team.members", ctx.Source.Id, ctx.First(),
                (rows, ids) => rows.Where(u => u.TeamId != null && ids.Contains(u.TeamId.Value)).OrderBy(u => u.Name), u => u.TeamId!.Value));
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
    }
}

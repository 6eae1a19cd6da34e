using GraphQL.Types;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Products;
using JlnbCrm.Users;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.Directory;

/// <summary>Admin: users, teams and products.</summary>
public static class DirectoryMutations
{
    public static void AddDirectoryMutations(this ObjectGraphType root)
    {
        var user = PayloadType("UserPayload", ("user", new GraphQLTypeReference("User")));
        var team = PayloadType("TeamPayload", ("team", new GraphQLTypeReference("Team")));
        var product = PayloadType("ProductPayload", ("product", new GraphQLTypeReference("Product")));
        StaffAdmin Staff(GraphQL.IResolveFieldContext ctx) => ctx.Service<StaffAdmin>();
        Catalogue Catalogue(GraphQL.IResolveFieldContext ctx) => ctx.Service<Catalogue>();

        root.Mutation("createUser", "Adds a member of staff.",
            Define("CreateUserInput", "The user.", Required<StringGraphType>("name"), Required<StringGraphType>("email"),
                Required<EnumerationGraphType<RoleLevel>>("role"), Optional<IdGraphType>("teamId", "Required for heads and executives."),
                Required<StringGraphType>("password", $"At least {StaffAdmin.MinimumPasswordLength} characters, letters and a digit or symbol.")),
            user, async (ctx, input) => Result("user", await Staff(ctx).CreateUserAsync(input.String("name") ?? "", input.String("email") ?? "",
                input.Enum<RoleLevel>("role"), input.OptionalId("teamId", "Team"), input.String("password") ?? "", ctx.CancellationToken)));

        root.Mutation("updateUser", "Changes a user's name or email.",
            Define("UpdateUserInput", "The changes.", [.. Target("user"), Optional<StringGraphType>("name"), Optional<StringGraphType>("email")]),
            user, async (ctx, input) =>
            {
                var id = input.Id("id", "User");
                var current = await ctx.Service<Database.CrmDbContext>().Users.FindAsync([id], ctx.CancellationToken);
                return Result("user", await Staff(ctx).UpdateUserAsync(id, input.Version(),
                    input.Patch("name", current?.Name) ?? "", input.Patch("email", current?.Email) ?? "", ctx.CancellationToken));
            });

        root.Mutation("changeUserRole", "Changes a user's role and team.",
            Define("ChangeUserRoleInput", "The role and team.", [.. Target("user"), Required<EnumerationGraphType<RoleLevel>>("role"), Optional<IdGraphType>("teamId")]),
            user, async (ctx, input) => Result("user", await Staff(ctx).ChangeRoleAsync(input.Id("id", "User"), input.Version(),
                input.Enum<RoleLevel>("role"), input.OptionalId("teamId", "Team"), ctx.CancellationToken)));

        root.Mutation("deactivateUser", "Stops a user signing in or being assigned work; their history stays.",
            Define("DeactivateUserInput", "The user.", Target("user")),
            user, async (ctx, input) => Result("user", await Staff(ctx).DeactivateAsync(input.Id("id", "User"), input.Version(), ctx.CancellationToken)));

        root.Mutation("reactivateUser", "Lets a deactivated user back in.",
            Define("ReactivateUserInput", "The user.", Target("user")),
            user, async (ctx, input) => Result("user", await Staff(ctx).ReactivateAsync(input.Id("id", "User"), input.Version(), ctx.CancellationToken)));

        root.Mutation("resetUserPassword", "Sets a new password (and ends the user's sessions).",
            Define("ResetUserPasswordInput", "The new password.", [.. Target("user"), Required<StringGraphType>("password")]),
            user, async (ctx, input) => Result("user", await Staff(ctx).ResetPasswordAsync(input.Id("id", "User"), input.Version(),
                input.String("password") ?? "", ctx.CancellationToken)));

        root.Mutation("createTeam", "Adds a team.", Define("CreateTeamInput", "The team.", Required<StringGraphType>("name")),
            team, async (ctx, input) => Result("team", await Staff(ctx).CreateTeamAsync(input.String("name") ?? "", ctx.CancellationToken)));

        root.Mutation("renameTeam", "Renames a team.", Define("RenameTeamInput", "The new name.", [.. Target("team"), Required<StringGraphType>("name")]),
            team, async (ctx, input) => Result("team", await Staff(ctx).RenameTeamAsync(input.Id("id", "Team"), input.Version(),
                input.String("name") ?? "", ctx.CancellationToken)));

        root.Mutation("createProduct", "Adds a product to the catalogue.",
            Define("CreateProductInput", "The product.", Required<StringGraphType>("name"), Required<EnumerationGraphType<ProductCategory>>("category")),
            product, async (ctx, input) => Result("product", await Catalogue(ctx).CreateAsync(input.String("name") ?? "",
                input.Enum<ProductCategory>("category"), ctx.CancellationToken)));

        root.Mutation("updateProduct", "Renames or recategorises a product.",
            Define("UpdateProductInput", "The changes.", [.. Target("product"), Required<StringGraphType>("name"), Required<EnumerationGraphType<ProductCategory>>("category")]),
            product, async (ctx, input) => Result("product", await Catalogue(ctx).UpdateAsync(input.Id("id", "Product"), input.Version(),
                input.String("name") ?? "", input.Enum<ProductCategory>("category"), ctx.CancellationToken)));

        root.Mutation("retireProduct", "Stops new sales of a product; holdings stay.",
            Define("RetireProductInput", "The product.", Target("product")),
            product, async (ctx, input) => Result("product", await Catalogue(ctx).RetireAsync(input.Id("id", "Product"), input.Version(), ctx.CancellationToken)));

        root.Mutation("reinstateProduct", "Puts a retired product back on sale.",
            Define("ReinstateProductInput", "The product.", Target("product")),
            product, async (ctx, input) => Result("product", await Catalogue(ctx).ReinstateAsync(input.Id("id", "Product"), input.Version(), ctx.CancellationToken)));
    }
}

using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>Admin: users, teams, products.</summary>
public abstract class DirectoryMutationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string UserFields = "user { databaseId version name email roleId isActive team { name } role { name } }";
    private static readonly string CreateUser = Mutation("createUser", "CreateUserInput", UserFields);
    private static readonly string UpdateUser = Mutation("updateUser", "UpdateUserInput", UserFields);
    private static readonly string ChangeRole = Mutation("changeUserRole", "ChangeUserRoleInput", UserFields);
    private static readonly string Deactivate = Mutation("deactivateUser", "DeactivateUserInput", UserFields);
    private static readonly string Reactivate = Mutation("reactivateUser", "ReactivateUserInput", UserFields);
    private static readonly string ResetPassword = Mutation("resetUserPassword", "ResetUserPasswordInput", UserFields);
    private static readonly string CreateTeam = Mutation("createTeam", "CreateTeamInput", "team { databaseId version name }");
    private static readonly string RenameTeam = Mutation("renameTeam", "RenameTeamInput", "team { databaseId version name members { items { email } } }");
    private const string ProductFields = "product { databaseId version name category isActive }";
    private static readonly string CreateProduct = Mutation("createProduct", "CreateProductInput", ProductFields);
    private static readonly string UpdateProduct = Mutation("updateProduct", "UpdateProductInput", ProductFields);
    private static readonly string Retire = Mutation("retireProduct", "RetireProductInput", ProductFields);
    private static readonly string Reinstate = Mutation("reinstateProduct", "ReinstateProductInput", ProductFields);

    [Fact]
    public async Task Users_are_created_edited_moved_deactivated_reactivated_and_given_new_passwords()
    {
        var client = app.Client();
        var team = (await client.MutateAsync(CreateTeam, "createTeam", new { name = "Pune Wealth" }))["team"]!;
        var created = (await client.MutateAsync(CreateUser, "createUser", new
        {
            name = "Tanvi Desai", email = "Tanvi.Desai@JLNB.in", role = "EXECUTIVE", teamId = team.Long("databaseId"), password = "Welcome#2026",
        }))["user"]!;
        Assert.Equal(("tanvi.desai@jlnb.in", "EXECUTIVE", "Pune Wealth", "Ops Exec/Junior RM", true),
            (created.Str("email"), created.Str("roleId"), created["team"]!.Str("name"), created["role"]!.Str("name"), created["isActive"]!.GetValue<bool>()));
        var (id, version) = (created.Long("databaseId"), created.Long("version"));

        Assert.Equal("Tanvi R. Desai", (await client.MutateAsync(UpdateUser, "updateUser", new { id, version, name = "Tanvi R. Desai" }))["user"]!.Str("name"));
        Assert.Equal(("REQUIRED", "teamId"), (await client.RefusedAsync(ChangeRole, "changeUserRole", new { id, version = version + 1, role = "HEAD" })).Single());
        var head = (await client.MutateAsync(ChangeRole, "changeUserRole", new { id, version = version + 1, role = "HEAD", teamId = team.Long("databaseId") }))["user"]!;
        Assert.Equal("HEAD", head.Str("roleId"));
        Assert.False((await client.MutateAsync(Deactivate, "deactivateUser", new { id, version = version + 2 }))["user"]!["isActive"]!.GetValue<bool>());
        Assert.True((await client.MutateAsync(Reactivate, "reactivateUser", new { id, version = version + 3 }))["user"]!["isActive"]!.GetValue<bool>());
        Assert.Equal(("INVALID", "password"), (await client.RefusedAsync(ResetPassword, "resetUserPassword", new { id, version = version + 4, password = "short" })).Single());
        await client.MutateAsync(ResetPassword, "resetUserPassword", new { id, version = version + 4, password = "N3w-passphrase" });

        var renamed = (await client.MutateAsync(RenameTeam, "renameTeam", new { id = team.Long("databaseId"), version = team.Long("version"), name = "Pune Private Wealth" }))["team"]!;
        Assert.Equal(("Pune Private Wealth", "tanvi.desai@jlnb.in"), (renamed.Str("name"), renamed["members"]!["items"]![0]!.Str("email")));
    }

    [Fact]
    public async Task A_second_user_with_the_same_email_or_a_weak_password_is_refused()
    {
        var client = app.Client();
        Assert.Equal(("DUPLICATE", "email"), (await client.RefusedAsync(CreateUser, "createUser", new
            { name = "Copy", email = "PRIYA.NAIR@jlnb.in", role = "ADMIN", password = "Welcome#2026" })).Single());
        Assert.Equal(("INVALID", "password"), (await client.RefusedAsync(CreateUser, "createUser", new
            { name = "Weak", email = "weak@jlnb.in", role = "ADMIN", password = "password" })).Single());
        Assert.Equal(("INVALID", "email"), (await client.RefusedAsync(CreateUser, "createUser", new
            { name = "Bad", email = "not-an-email", role = "ADMIN", password = "Welcome#2026" })).Single());
    }

    [Fact]
    public async Task Products_are_created_edited_retired_and_reinstated_and_retired_ones_cannot_be_sold()
    {
        var client = app.Client();
        var created = (await client.MutateAsync(CreateProduct, "createProduct", new { name = "Gold ETF", category = "MUTUAL_FUND" }))["product"]!;
        var (id, version) = (created.Long("databaseId"), created.Long("version"));
        var updated = (await client.MutateAsync(UpdateProduct, "updateProduct", new { id, version, name = "JLNB Gold ETF", category = "EQUITY" }))["product"]!;
        Assert.Equal(("JLNB Gold ETF", "EQUITY"), (updated.Str("name"), updated.Str("category")));
        Assert.False((await client.MutateAsync(Retire, "retireProduct", new { id, version = version + 1 }))["product"]!["isActive"]!.GetValue<bool>());

        var clientId = (await client.FirstAsync("clients", "ClientFilterInput", new { })).Long("databaseId");
        var sell = Mutation("addClientProduct", "AddClientProductInput", "client { databaseId }");
        var refused = await client.RefusedAsync(sell, "addClientProduct", new { clientId, productId = id });
        Assert.Equal(("INVALID", "productId"), refused.Single());
        Assert.Contains("retired", refused[0]!["message"]!.GetValue<string>());

        Assert.True((await client.MutateAsync(Reinstate, "reinstateProduct", new { id, version = version + 2 }))["product"]!["isActive"]!.GetValue<bool>());
        await client.MutateAsync(sell, "addClientProduct", new { clientId, productId = id });
        Assert.Equal(("DUPLICATE", "name"), (await client.RefusedAsync(CreateProduct, "createProduct", new { name = "JLNB Gold ETF", category = "EQUITY" })).Single());
    }
}

public sealed class PostgresDirectoryMutationTests(PostgresGraphApp app) : DirectoryMutationTests<PostgresGraphApp>(app);
public sealed class SqliteDirectoryMutationTests(SqliteGraphApp app) : DirectoryMutationTests<SqliteGraphApp>(app);

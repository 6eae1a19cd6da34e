using JlnbCrm.FunctionalTests.Databases;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

public abstract class ClientMutationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private static readonly string Create = Mutation("createClient", "CreateClientInput", "client { databaseId version name pan mobile assignedRmId }");
    private static readonly string Update = Mutation("updateClient", "UpdateClientInput", "client { databaseId version name pan mobile email }");
    private static readonly string Assign = Mutation("assignClientRm", "AssignClientRmInput", "client { databaseId version assignedRm { email } }");
    private static readonly string AddProduct = Mutation("addClientProduct", "AddClientProductInput", "client { products { items { product { name } subscribedOn } } }");
    private static readonly string RemoveProduct = Mutation("removeClientProduct", "RemoveClientProductInput", "client { products { items { product { name } } } }");

    private async Task<(long Id, long Version)> NewClientAsync(GraphClient client)
    {
        var rm = await client.UserIdAsync("priya.nair@jlnb.in");
        var created = await client.MutateAsync(Create, "createClient", new { name = "Ishaan Kapoor", pan = TestData.NewPan(), mobile = "+91 9820012345", assignedRmId = rm });
        return (created["client"]!.Long("databaseId"), created["client"]!.Long("version"));
    }

    [Fact]
    public async Task Create_client_normalises_the_pan_and_assigns_the_rm()
    {
        var client = app.Client();
        var rm = await client.UserIdAsync("priya.nair@jlnb.in");
        var pan = TestData.NewPan();
        var created = (await client.MutateAsync(Create, "createClient", new { name = " Ishaan Kapoor ", pan = pan.ToLowerInvariant(), assignedRmId = rm }))["client"]!;
        Assert.Equal(("Ishaan Kapoor", pan, rm), (created.Str("name"), created.Str("pan"), created.Long("assignedRmId")));
    }

    [Fact]
    public async Task Create_client_refuses_duplicate_malformed_and_missing_pans_with_the_field()
    {
        var client = app.Client();
        var taken = (await client.FirstAsync("clients", "ClientFilterInput", new { }, "pan")).Str("pan");
        var rm = await client.UserIdAsync("priya.nair@jlnb.in");
        Assert.Equal(("DUPLICATE", "pan"), (await client.RefusedAsync(Create, "createClient", new { name = "Copy", pan = taken, assignedRmId = rm })).Single());
        Assert.Equal(("INVALID_PAN", "pan"), (await client.RefusedAsync(Create, "createClient", new { name = "Bad", pan = "ABCDE12345", assignedRmId = rm })).Single());
        var both = await client.RefusedAsync(Create, "createClient", new { name = "  ", pan = "  ", assignedRmId = rm });
        Assert.Equal(["name", "pan"], both.Select(e => e!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Update_client_changes_only_the_fields_sent_and_refuses_a_stale_version()
    {
        var client = app.Client();
        var (id, version) = await NewClientAsync(client);
        var updated = (await client.MutateAsync(Update, "updateClient", new { id, version, email = "ishaan@example.in" }))["client"]!;
        Assert.Equal(("Ishaan Kapoor", "+91 9820012345", "ishaan@example.in", version + 1),
            (updated.Str("name"), updated.Str("mobile"), updated.Str("email"), updated.Long("version")));

        var conflict = await client.RefusedAsync(Update, "updateClient", new { id, version, mobile = "+91 9000000000" });
        Assert.Equal(("CONFLICT", "version"), conflict.Single());
        Assert.Contains("changed since you opened it", conflict[0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Assign_rm_moves_the_client_and_refuses_inactive_or_unknown_users()
    {
        var client = app.Client();
        var (id, version) = await NewClientAsync(client);
        var vikram = await client.UserIdAsync("vikram.singh@jlnb.in");
        var assigned = (await client.MutateAsync(Assign, "assignClientRm", new { id, version, rmId = vikram }))["client"]!;
        Assert.Equal("vikram.singh@jlnb.in", assigned["assignedRm"]!.Str("email"));
        Assert.Equal(("NOT_FOUND", "rmId"), (await client.RefusedAsync(Assign, "assignClientRm", new { id, version = version + 1, rmId = 999999 })).Single());
    }

    [Fact]
    public async Task Products_are_added_once_and_removed()
    {
        var client = app.Client();
        var (id, _) = await NewClientAsync(client);
        var pms = await client.ProductIdAsync("Focused Growth PMS");
        var added = await client.MutateAsync(AddProduct, "addClientProduct", new { clientId = id, productId = pms, subscribedOn = "2026-10-01" });
        Assert.Equal("2026-10-01", added["client"]!["products"]!["items"]![0]!.Str("subscribedOn"));
        Assert.Equal(("DUPLICATE", "productId"), (await client.RefusedAsync(AddProduct, "addClientProduct", new { clientId = id, productId = pms })).Single());
        var removed = await client.MutateAsync(RemoveProduct, "removeClientProduct", new { clientId = id, productId = pms });
        Assert.Empty(removed["client"]!["products"]!["items"]!.AsArray());
        Assert.Equal(("NOT_FOUND", "productId"), (await client.RefusedAsync(RemoveProduct, "removeClientProduct", new { clientId = id, productId = pms })).Single());
    }

    [Fact]
    public async Task Global_ids_and_database_ids_are_both_accepted()
    {
        var client = app.Client();
        var (id, version) = await NewClientAsync(client);
        var globalId = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Client:{id}"));
        var updated = await client.MutateAsync(Update, "updateClient", new { id = globalId, version, name = "Ishaan K." });
        Assert.Equal("Ishaan K.", updated["client"]!.Str("name"));
        var wrongType = await client.SendAsync(Update, new { input = new { id = Convert.ToBase64String("Lead:1"u8.ToArray()), version } });
        Assert.Equal(["INVALID_ID"], GraphClient.ErrorCodes(wrongType));
    }
}

public sealed class PostgresClientMutationTests(PostgresGraphApp app) : ClientMutationTests<PostgresGraphApp>(app);
public sealed class SqliteClientMutationTests(SqliteGraphApp app) : ClientMutationTests<SqliteGraphApp>(app);

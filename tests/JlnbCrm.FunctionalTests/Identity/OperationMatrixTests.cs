using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.Graph.Hosting;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Identity;

/// <summary>
/// docs/access.md's "every operation, role by role" table, run cell by cell over GraphQL. Each cell gets its
/// own fresh record owned by Priya (set up by the admin), so cells do not depend on each other.
/// </summary>
public abstract partial class OperationMatrixTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    public static TheoryData<string, string, bool> Cells()
    {
        var lines = File.ReadAllLines(Path.Combine(SchemaFile.RepositoryRoot()!, "docs", "access.md"));
        var table = lines.SkipWhile(l => l != "<!-- operation-matrix -->").Skip(1).TakeWhile(l => l != "<!-- /operation-matrix -->").ToList();
        var personas = Cellsof(table[0]).Skip(1).Select(h => Email().Match(h).Groups[1].Value).ToList();
        var data = new TheoryData<string, string, bool>();
        foreach (var row in table.Skip(2).Select(Cellsof))
            for (var i = 0; i < personas.Count; i++)
                data.Add(row[0], personas[i], row[i + 1].Split(' ')[0] switch { "✓" => true, "✗" => false, var x => throw new FormatException($"cell '{x}'") });
        return data;
    }

    private static string[] Cellsof(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Email();

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_may_do_exactly_what_the_permission_table_says(string operation, string persona, bool allowed)
    {
        var actor = app.ClientAs(persona);
        var (field, response) = await Run(operation, actor, persona);
        var codes = response["errors"] is JsonArray top
            ? top.Select(e => e!["extensions"]?["code"]?.GetValue<string>()).ToList()
            : response["data"]![field]!["errors"]?.AsArray().Select(e => e!["code"]?.GetValue<string>()).ToList() ?? [];
        if (allowed)
            Assert.True(codes.Count == 0, $"{persona} should be allowed to {operation}: {response.ToJsonString()}");
        else
            Assert.True(codes.Count > 0 && codes.All(c => c is "NOT_FOUND" or "AUTH_NOT_AUTHORIZED"),
                $"{persona} should be refused {operation} (NOT_FOUND or AUTH_NOT_AUTHORIZED): {response.ToJsonString()}");
    }

    private GraphClient Admin => app.Client();

    private async Task<(string Field, JsonNode Response)> Run(string operation, GraphClient actor, string persona)
    {
        async Task<(string, JsonNode)> Do(string field, string inputType, object input) =>
            (field, await actor.SendAsync(Mutation(field, inputType, "__typename"), new { input }));
        var priya = await Admin.UserIdAsync("priya.nair@jlnb.in");
        var vikram = await Admin.UserIdAsync("vikram.singh@jlnb.in");
        var product = await Admin.ProductIdAsync("JLNB Liquid Fund");

        switch (operation)
        {
            case "createClient with themselves as RM":
                return await Do("createClient", "CreateClientInput", new { name = "Matrix Client", pan = NewPan() });
            case "createClient with Priya as RM":
                return await Do("createClient", "CreateClientInput", new { name = "Matrix Client", pan = NewPan(), assignedRmId = priya });
            case "updateClient":
            {
                var client = await PriyasClientAsync(priya);
                return await Do("updateClient", "UpdateClientInput", new { id = client.Id, version = client.Version, mobile = "9876500000" });
            }
            case "assignClientRm to Vikram":
            {
                var client = await PriyasClientAsync(priya);
                return await Do("assignClientRm", "AssignClientRmInput", new { id = client.Id, version = client.Version, rmId = vikram });
            }
            case "addClientProduct":
                return await Do("addClientProduct", "AddClientProductInput", new { clientId = (await PriyasClientAsync(priya)).Id, productId = product });
            case "removeClientProduct":
            {
                var client = await PriyasClientAsync(priya);
                await Admin.MutateAsync(Mutation("addClientProduct", "AddClientProductInput", "__typename"), "addClientProduct", new { clientId = client.Id, productId = product });
                return await Do("removeClientProduct", "RemoveClientProductInput", new { clientId = client.Id, productId = product });
            }
            case "createLead obtained by themselves":
                return await Do("createLead", "CreateLeadInput", new { prospectName = "Matrix Prospect", modeOfCommunication = "CALL", productId = product, mobile = "9820011111" });
            case "updateLead":
            {
                var lead = await PriyasLeadAsync(priya, product);
                return await Do("updateLead", "UpdateLeadInput", new { id = lead.Id, version = lead.Version, notes = "Prefers mornings" });
            }
            case "moveLeadToWip":
            {
                var lead = await PriyasLeadAsync(priya, product);
                return await Do("moveLeadToWip", "MoveLeadToWipInput", new { id = lead.Id, version = lead.Version });
            }
            case "denyLead":
            {
                var lead = await PriyasLeadAsync(priya, product);
                return await Do("denyLead", "DenyLeadInput", new { id = lead.Id, version = lead.Version, reason = "Not interested" });
            }
            case "assignConversionRm to Vikram":
            {
                var lead = await PriyasLeadAsync(priya, product);
                return await Do("assignConversionRm", "AssignConversionRmInput", new { id = lead.Id, version = lead.Version, rmId = vikram });
            }
            case "convertLead":
            {
                var lead = await PriyasLeadAsync(priya, product);
                return await Do("convertLead", "ConvertLeadInput", new { id = lead.Id, version = lead.Version, pan = NewPan() });
            }
            case "convertLead they obtained, Priya converting":
            {
                // The new client's RM is Priya: only she, her head or an admin may create a client for her.
                var obtained = await PriyasLeadAsync(await Admin.UserIdAsync(persona), product);
                var lead = Row((await Admin.MutateAsync(Mutation("assignConversionRm", "AssignConversionRmInput", "lead { databaseId version }"),
                    "assignConversionRm", new { id = obtained.Id, version = obtained.Version, rmId = priya }))["lead"]!);
                return await Do("convertLead", "ConvertLeadInput", new { id = lead.Id, version = lead.Version, pan = NewPan() });
            }
            case "logInteraction":
                return await Do("logInteraction", "LogInteractionInput", new { clientId = (await PriyasClientAsync(priya)).Id, type = "PORTFOLIO_REVIEW", details = "Quarterly review" });
            case "openClientQuery":
                return await Do("openClientQuery", "OpenClientQueryInput", new { clientId = (await PriyasClientAsync(priya)).Id, details = "Statement missing" });
            case "assignClientQuery to Vikram":
            {
                var query = await PriyasQueryAsync(priya);
                return await Do("assignClientQuery", "AssignClientQueryInput", new { id = query.Id, version = query.Version, rmId = vikram });
            }
            case "resolveClientQuery":
            {
                var query = await PriyasQueryAsync(priya);
                return await Do("resolveClientQuery", "ResolveClientQueryInput", new { id = query.Id, version = query.Version, resolution = "Statement re-sent" });
            }
            case "createServiceRequest":
                return await Do("createServiceRequest", "CreateServiceRequestInput", new { clientId = (await PriyasClientAsync(priya)).Id, type = "CONTACT_UPDATE", details = "New mobile" });
            case "assignServiceRequest (unassigned) to Vikram":
            {
                var request = await UnassignedRequestAsync(priya);
                return await Do("assignServiceRequest", "AssignServiceRequestInput", new { id = request.Id, version = request.Version, userId = vikram });
            }
            case "moveServiceRequest (start an unassigned one)":
            {
                var request = await UnassignedRequestAsync(priya);
                return await Do("moveServiceRequest", "MoveServiceRequestInput", new { id = request.Id, version = request.Version, status = "IN_PROGRESS" });
            }
            case "createUser":
                return await Do("createUser", "CreateUserInput", new { name = "Matrix User", email = $"m{Guid.NewGuid():N}@jlnb.in", role = "EXECUTIVE", teamId = 1, password = "Matrix@2026" });
            case "changeUserRole":
            {
                var user = (await Admin.MutateAsync(Mutation("createUser", "CreateUserInput", "user { databaseId version }"), "createUser",
                    new { name = "Matrix User", email = $"m{Guid.NewGuid():N}@jlnb.in", role = "EXECUTIVE", teamId = 1, password = "Matrix@2026" }))["user"]!;
                return await Do("changeUserRole", "ChangeUserRoleInput", new { id = user.Long("databaseId"), version = user.Long("version"), role = "HEAD", teamId = 1 });
            }
            case "createTeam":
                return await Do("createTeam", "CreateTeamInput", new { name = $"Matrix Team {Guid.NewGuid():N}"[..24] });
            case "createProduct":
                return await Do("createProduct", "CreateProductInput", new { name = $"Matrix Fund {Guid.NewGuid():N}"[..24], category = "MUTUAL_FUND" });
            case "retireProduct":
            {
                var created = await Admin.MutateAsync(Mutation("createProduct", "CreateProductInput", "product { databaseId version }"), "createProduct",
                    new { name = $"Matrix Fund {Guid.NewGuid():N}"[..24], category = "BONDS" });
                return await Do("retireProduct", "RetireProductInput", new { id = created["product"]!.Long("databaseId"), version = created["product"]!.Long("version") });
            }
            case "read auditLog":
                return ("auditLog", await actor.SendAsync("{ auditLog(first: 1) { totalCount } }"));
            default:
                throw new InvalidOperationException($"docs/access.md names an operation this test does not know: {operation}");
        }
    }

    private async Task<(long Id, long Version)> PriyasClientAsync(long priya) => Row((await Admin.MutateAsync(
        Mutation("createClient", "CreateClientInput", "client { databaseId version }"), "createClient",
        new { name = "Matrix Client", pan = NewPan(), assignedRmId = priya }))["client"]!);

    private async Task<(long Id, long Version)> PriyasLeadAsync(long obtainedBy, long product) => Row((await Admin.MutateAsync(
        Mutation("createLead", "CreateLeadInput", "lead { databaseId version }"), "createLead",
        new { prospectName = "Matrix Prospect", modeOfCommunication = "CALL", productId = product, mobile = "9820011111", refObtainedById = obtainedBy }))["lead"]!);

    private async Task<(long Id, long Version)> PriyasQueryAsync(long priya) => Row((await Admin.MutateAsync(
        Mutation("openClientQuery", "OpenClientQueryInput", "clientQuery { databaseId version }"), "openClientQuery",
        new { clientId = (await PriyasClientAsync(priya)).Id, details = "Statement missing", assignedRmId = priya }))["clientQuery"]!);

    private async Task<(long Id, long Version)> UnassignedRequestAsync(long priya) => Row((await Admin.MutateAsync(
        Mutation("createServiceRequest", "CreateServiceRequestInput", "serviceRequest { databaseId version assignedUser { databaseId } }"), "createServiceRequest",
        new { clientId = (await PriyasClientAsync(priya)).Id, type = "ADDRESS_CHANGE", details = "Moved house" }))["serviceRequest"]!);

    private static (long Id, long Version) Row(JsonNode node) => (node.Long("databaseId"), node.Long("version"));

    /// <summary>A valid PAN no other test uses: five letters, four digits, a letter.</summary>
    private static string NewPan()
    {
        const string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var random = Random.Shared;
        var head = new string(Enumerable.Range(0, 5).Select(_ => letters[random.Next(26)]).ToArray());
        return head + random.Next(10000).ToString("D4") + letters[random.Next(26)];
    }
}

public sealed class PostgresOperationMatrixTests(PostgresGraphApp app) : OperationMatrixTests<PostgresGraphApp>(app);
public sealed class SqliteOperationMatrixTests(SqliteGraphApp app) : OperationMatrixTests<SqliteGraphApp>(app);

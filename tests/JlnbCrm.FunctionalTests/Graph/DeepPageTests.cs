using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// Deep keyset pages of "all the clients I see, by name" (the benchmark's e0/e): walked page by page as a junior RM
/// and as a head, they give exactly the visible list in order — ties on name broken by id, clients reached only
/// through work included, a client that stops being visible between two pages dropped from the rest — and the
/// statement of a page after a cursor starts its index range at the cursor.
/// </summary>
public abstract partial class DeepPageTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Amit = "amit.verma@jlnb.in", Kavita = "kavita.sharma@jlnb.in", Priya = "priya.nair@jlnb.in";

    private static readonly string CreateClient = Mutation("createClient", "CreateClientInput", "client { databaseId }");
    private static readonly string OpenQuery = Mutation("openClientQuery", "OpenClientQueryInput", "clientQuery { databaseId version }");
    private static readonly string DeleteQuery = Mutation("deleteClientQuery", "DeleteClientQueryInput", "__typename");

    private const string Page = """
        query($first: Int!, $after: String) {
          clients(first: $first, after: $after, order: [{ name: ASC }]) {
            totalCount edges { node { databaseId name } } pageInfo { hasNextPage endCursor }
          }
        }
        """;

    [Fact]
    public async Task A_junior_and_a_head_walk_every_visible_client_once_in_name_order_and_lose_one_hidden_between_pages()
    {
        var admin = app.Client();
        var (amit, priya) = (await admin.UserIdAsync(Amit), await admin.UserIdAsync(Priya));
        // Names at the end of the list, three of them the same (ties go by id), two of Priya's clients reached only
        // through a query assigned to Amit (so seen by Amit and by Kavita, his head), one of hers never reached.
        var prefix = $"Zzdeep {Guid.NewGuid():N}"[..14];
        var tied = new List<long>();
        foreach (var suffix in new[] { "A", "B", "B", "B", "D", "F" })
        {
            var id = await ClientAsync(admin, $"{prefix} {suffix}", amit);
            if (suffix == "B") tied.Add(id);
        }
        var reached = await ClientAsync(admin, $"{prefix} C", priya);
        var lost = await ClientAsync(admin, $"{prefix} E", priya);
        var hidden = await ClientAsync(admin, $"{prefix} G", priya);
        await QueryAsync(admin, reached, amit);
        var losing = await QueryAsync(admin, lost, amit);

        foreach (var persona in new[] { Kavita, Amit })
        {
            var all = await AllAsync(persona);
            Assert.Contains(reached, all);
            Assert.Contains(lost, all);
            Assert.DoesNotContain(hidden, all);
            Assert.Equal(tied, all.Where(tied.Contains)); // ties on name in id order
            Assert.Equal(all, await WalkAsync(persona, afterFirstPage: null));
        }

        // Amit's query on the lost client is deleted after his first page: the rest of the walk no longer has it.
        var walked = await WalkAsync(Amit, afterFirstPage: () => admin.MutateAsync(DeleteQuery, "deleteClientQuery",
            new { losing.Id, losing.Version, reason = "Opened by mistake" }));
        var now = await AllAsync(Amit);
        Assert.DoesNotContain(lost, now);
        Assert.Contains(reached, now);
        Assert.Equal(now, walked);
    }

    [Fact]
    public async Task A_page_after_a_cursor_bounds_its_first_sort_key_so_the_index_range_starts_at_the_cursor()
    {
        var amit = app.ClientAs(Amit);
        var first = (await amit.DataAsync(Page, new { first = 2 }))["clients"]!;
        var after = first["pageInfo"]!["endCursor"]!.GetValue<string>();
        app.Commands.Reset();
        await amit.DataAsync(Page, new { first = 2, after });
        // "name > @v OR (name = @v AND id > @w)" alone is a filter; "name >= @v AND (…)" is an index condition.
        Assert.Matches(BoundOnName(), app.Commands.Texts);
    }

    [GeneratedRegex("""name"?\s*>=\s*@""")]
    private static partial Regex BoundOnName();

    /// <summary>The persona's whole list in one page (the oracle the walk must equal).</summary>
    private async Task<List<long>> AllAsync(string persona)
    {
        var page = (await app.ClientAs(persona).DataAsync(Page, new { first = 100 }))["clients"]!;
        Assert.False(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>(), $"{persona} sees more than one page of 100");
        return Ids(page);
    }

    /// <summary>The persona's list walked three rows at a time, <paramref name="afterFirstPage"/> run between pages one and two.</summary>
    private async Task<List<long>> WalkAsync(string persona, Func<Task>? afterFirstPage)
    {
        var client = app.ClientAs(persona);
        var seen = new List<long>();
        string? after = null;
        for (var pages = 0; ; pages++)
        {
            var page = (await client.DataAsync(Page, new { first = 3, after }))["clients"]!;
            seen.AddRange(Ids(page));
            if (pages == 0 && afterFirstPage is not null) await afterFirstPage();
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) return seen;
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
            Assert.True(pages < 50, $"{persona}: more pages than clients");
        }
    }

    private static List<long> Ids(JsonNode page) =>
        [.. page["edges"]!.AsArray().Select(e => e!["node"]!.Long("databaseId"))];

    private static async Task<long> ClientAsync(GraphClient admin, string name, long rm) =>
        (await admin.MutateAsync(CreateClient, "createClient",
            new { name, pan = Databases.TestData.NewPan(), assignedRmId = rm }))["client"]!.Long("databaseId");

    private sealed record Rec(long Id, long Version);

    private static async Task<Rec> QueryAsync(GraphClient admin, long client, long rm)
    {
        var query = (await admin.MutateAsync(OpenQuery, "openClientQuery",
            new { clientId = client, details = "Statement missing", assignedRmId = rm }))["clientQuery"]!;
        return new(query.Long("databaseId"), query.Long("version"));
    }
}

public sealed class PostgresDeepPageTests(PostgresGraphApp app) : DeepPageTests<PostgresGraphApp>(app);
public sealed class SqliteDeepPageTests(SqliteGraphApp app) : DeepPageTests<SqliteGraphApp>(app);

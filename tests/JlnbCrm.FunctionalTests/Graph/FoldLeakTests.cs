using System.Text.Json.Nodes;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// An outside tester's attacks on the folded nested connections (a page's small nested pages read with the page and
/// primed into their batch loaders) and on the keyset bound added to cursors: aliases with other page sizes, a
/// fragment, a cursor or <c>where</c> beside the folded page in one request, null and defaulted variables, a nullable
/// descending key walked both ways. Each answer must equal the loader path's (a <c>where: {}</c> keeps a nested
/// connection on its loader) and the concrete sizes asked for.
/// </summary>
public abstract partial class FoldLeakTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Priya = "priya.nair@jlnb.in", Rohan = "rohan.mehta@jlnb.in";
    private const string Farhan = "farhan.qureshi@jlnb.in", Meera = "meera.pillai@jlnb.in", Amit = "amit.verma@jlnb.in";

    /// <summary>One nested page under several aliases and sizes; <c>{0}</c> is "" (folded) or ", where: {}".</summary>
    private const string Aliases = """
        query($k: Int, $none: Int, $d: Int = 2, $first: Int, $last: Int) {
          clients(first: $first, last: $last, order: [{ name: ASC }]) { edges { node {
          databaseId
          one: interactions(first: 1{0}) { totalCount items { databaseId } pageInfo { hasNextPage endCursor } }
          three: interactions(first: 3{0}) { items { databaseId user { databaseId } } pageInfo { hasNextPage } }
          byVariable: interactions(first: $k{0}) { items { databaseId } pageInfo { hasNextPage } }
          nullFirst: interactions(first: $none{0}) { items { databaseId } }
          defaulted: interactions(first: $d{0}) { items { databaseId } }
          zero: interactions(first: 0{0}) { totalCount items { databaseId } pageInfo { hasNextPage } }
          ...Held } } } }
        fragment Held on Client { products(first: 1{0}) { totalCount items { databaseId } pageInfo { hasNextPage } } }
        """;

    private static string Folded(string query) => query.Replace("{0}", "", StringComparison.Ordinal);
    private static string Loaded(string query) => query.Replace("{0}", ", where: {}", StringComparison.Ordinal);

    private static long[] Ids(JsonNode connection) =>
        [.. connection["items"]!.AsArray().Select(i => i!["databaseId"]!.GetValue<long>())];

    [Theory]
    [InlineData(Priya, 30, null)]
    [InlineData(Rohan, 30, null)]
    [InlineData(Rohan, null, 25)]
    public async Task Aliases_fragments_and_variables_of_one_nested_connection_each_get_their_own_page(string email,
        int? first, int? last)
    {
        var client = app.ClientAs(email);
        var variables = new { k = 2, first, last };
        var folded = await client.DataAsync(Folded(Aliases), variables);
        var loaded = await client.DataAsync(Loaded(Aliases), variables);
        Assert.Equal(loaded.ToJsonString(), folded.ToJsonString());
        var rows = folded["clients"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var total = row["one"]!["totalCount"]!.GetValue<int>();
            Assert.Equal(Math.Min(1, total), Ids(row["one"]!).Length);
            Assert.Equal(Math.Min(3, total), Ids(row["three"]!).Length);
            Assert.Equal(Math.Min(2, total), Ids(row["byVariable"]!).Length);
            Assert.Equal(Math.Min(2, total), Ids(row["defaulted"]!).Length);
            Assert.Equal(total, row["zero"]!["totalCount"]!.GetValue<int>());
            Assert.Empty(Ids(row["zero"]!));
            Assert.Equal(total > 0, row["zero"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            Assert.Equal(total > 1, row["one"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            Assert.Equal(total > 3, row["three"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            Assert.Equal(Ids(row["three"]!).Take(1), Ids(row["one"]!));
            Assert.Equal(Ids(row["three"]!).Take(2), Ids(row["byVariable"]!));
            var held = row["products"]!["totalCount"]!.GetValue<int>();
            Assert.Equal(Math.Min(1, held), Ids(row["products"]!).Length);
        }
        Assert.Contains(rows, r => r["one"]!["totalCount"]!.GetValue<int>() > 3);
    }

    [Fact]
    public async Task A_cursor_or_a_where_beside_the_folded_page_in_one_request_reads_its_own_page()
    {
        var client = app.ClientAs(Rohan);
        const string first = """
            { clients(first: 30, order: [{ name: ASC }]) { edges { node { databaseId
              interactions(first: 2) { totalCount items { databaseId type } pageInfo { endCursor } } } } } }
            """;
        var rows = (await client.DataAsync(first))["clients"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        var row = rows.MaxBy(r => r["interactions"]!["totalCount"]!.GetValue<int>())!;
        Assert.True(row["interactions"]!["totalCount"]!.GetValue<int>() > 3);
        var cursor = row["interactions"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        var type = row["interactions"]!["items"]![0]!["type"]!.GetValue<string>();
        const string both = """
            query($after: String, $type: InteractionType) {
              clients(first: 30, order: [{ name: ASC }]) { edges { node { databaseId
              page: interactions(first: 2) { items { databaseId } }
              next: interactions(first: 2, after: $after) { items { databaseId } }
              typed: interactions(first: 2, where: { type: { eq: $type } }) { items { databaseId type } }
              } } } }
            """;
        var data = await client.DataAsync(both, new { after = cursor, type });
        var same = data["clients"]!["edges"]!.AsArray().Select(e => e!["node"]!)
            .Single(r => r.Long("databaseId") == row.Long("databaseId"));
        var all = await client.DataAsync("""
            query($id: Long!) { clients(first: 1, where: { databaseId: { eq: $id } }) { edges { node {
              interactions(first: 6, where: {}) { items { databaseId type } } } } } }
            """, new { id = row.Long("databaseId") });
        var six = all["clients"]!["edges"]![0]!["node"]!["interactions"]!;
        Assert.Equal(Ids(six).Take(2), Ids(same["page"]!));
        Assert.Equal(Ids(six).Skip(2).Take(2), Ids(same["next"]!));
        Assert.All(same["typed"]!["items"]!.AsArray(), i => Assert.Equal(type, i!["type"]!.GetValue<string>()));
        Assert.NotEmpty(Ids(same["typed"]!));
    }

    [Theory]
    [InlineData(-1, "INVALID_PAGE")]
    [InlineData(101, "PAGE_SIZE_EXCEEDED")]
    [InlineData(int.MaxValue, "PAGE_SIZE_EXCEEDED")]
    public async Task An_out_of_range_nested_size_beside_a_folded_alias_is_refused_cleanly(int size, string code)
    {
        var response = await app.ClientAs(Priya).SendAsync("""
            query($n: Int) { clients(first: 3) { edges { node { databaseId
              ok: interactions(first: 2) { items { databaseId } }
              bad: interactions(first: $n) { items { databaseId } } } } } }
            """, new { n = size });
        Assert.Equal([code], GraphClient.ErrorCodes(response).Distinct());
    }

    private static string Walk(string order) => $$"""
        query($first: Int, $after: String, $last: Int, $before: String) {
          clients(first: $first, after: $after, last: $last, before: $before, order: {{order}}) {
            edges { node { databaseId householdId } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
        """;

    private const string ByHousehold = "[{ householdId: DESC }, { name: ASC }]";

    /// <summary>The bound on the first key (k1 ≽ v1): a nullable key both ways, a masked one, ties.</summary>
    [Theory]
    [InlineData(Priya, ByHousehold)]
    [InlineData(Rohan, ByHousehold)]
    [InlineData(Rohan, "[{ householdId: ASC }]")]
    [InlineData(Farhan, "[{ pan: DESC }]")]
    [InlineData(Meera, "[{ kycStatus: ASC }, { pan: ASC }]")]
    [InlineData(Rohan, "[{ nextReviewOn: DESC }, { createdAt: ASC }]")]
    [InlineData(Rohan, "[{ createdAt: DESC }]")]
    [InlineData(Priya, "[{ email: ASC }, { name: DESC }]")]
    public async Task A_first_key_bound_walks_the_same_rows_forward_and_backward(string email, string order)
    {
        var client = app.ClientAs(email);
        var all = new List<long>();
        await foreach (var id in IdsAsync(client, "order: [{ databaseId: ASC }]")) all.Add(id);
        var forward = new List<(long Id, long? Household)>();
        string? after = null;
        do
        {
            var page = (await client.DataAsync(Walk(order), new { first = 3, after }))["clients"]!;
            forward.AddRange(page["edges"]!.AsArray().Select(e => (e!["node"]!.Long("databaseId"),
                e["node"]!["householdId"]?.GetValue<long>())));
            after = Next(page);
        } while (after is not null);
        var backward = new List<long>();
        string? before = null;
        var first = true;
        while (first || before is not null)
        {
            first = false;
            var page = (await client.DataAsync(Walk(order), new { last = 3, before }))["clients"]!;
            backward.InsertRange(0, page["edges"]!.AsArray().Select(e => e!["node"]!.Long("databaseId")));
            before = page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>()
                ? page["pageInfo"]!["startCursor"]!.GetValue<string>() : null;
        }
        Assert.True(forward.Count > 6, $"{forward.Count} rows");
        Assert.Equal(all.Order(), forward.Select(r => r.Id).Order());
        Assert.Equal(forward.Select(r => r.Id), backward);
        if (order != ByHousehold) return;
        Assert.Contains(forward, r => r.Household is null);
        Assert.Contains(forward, r => r.Household is not null);
        // Households descending, then the rows without one.
        var households = forward.Select(r => r.Household).ToList();
        var firstNull = households.IndexOf(null);
        Assert.All(households.Skip(firstNull), h => Assert.Null(h));
        Assert.Equal(households.Take(firstNull).OrderDescending(), households.Take(firstNull));
    }

    /// <summary>
    /// A genuine cursor of a nullable, enum, date or masked first key with that key's value tampered (a boolean, an
    /// object, a list, text with a NUL, a number out of every range): refused as the cursor, never a 500.
    /// </summary>
    [Theory]
    [InlineData("[{ householdId: DESC }]")]
    [InlineData("[{ kycStatus: ASC }, { name: ASC }]")]
    [InlineData("[{ nextReviewOn: DESC }]")]
    [InlineData("[{ pan: DESC }]")]
    public async Task A_tampered_first_key_in_a_genuine_cursor_is_refused_as_invalid_cursor(string order)
    {
        var client = app.ClientAs(Rohan);
        var page = (await client.DataAsync(Walk(order), new { first = 3 }))["clients"]!;
        var cursor = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(
            page["pageInfo"]!["endCursor"]!.GetValue<string>()))!;
        Assert.True(cursor["K"]!.AsArray().Count >= 2, cursor.ToJsonString());
        var wrong = new List<string>();
        foreach (var value in new JsonNode?[] { JsonValue.Create(true), new JsonObject { ["x"] = 1 }, new JsonArray(),
            JsonValue.Create("not a value of this key \u0000"), JsonValue.Create(1.5e300) })
        {
            var forged = cursor.DeepClone();
            forged["K"]![0] = value?.DeepClone();
            var text = System.Buffers.Text.Base64Url.EncodeToString(
                System.Text.Encoding.UTF8.GetBytes(forged.ToJsonString()));
            foreach (var variables in new object[] { new { first = 3, after = text }, new { last = 3, before = text } })
            {
                var response = await client.SendAsync(Walk(order), variables);
                if (!GraphClient.ErrorCodes(response).SequenceEqual(["INVALID_CURSOR"]) || response["data"] is not null)
                    wrong.Add($"{value?.ToJsonString()}: {response.ToJsonString()}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static string? Next(JsonNode page) => page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()
        ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;

    private static async IAsyncEnumerable<long> IdsAsync(GraphClient client, string order)
    {
        string? after = null;
        do
        {
            var page = (await client.DataAsync($$"""
                query($after: String) { clients(first: 100, after: $after, {{order}}) {
                  edges { node { databaseId } } pageInfo { hasNextPage endCursor } } }
                """, new { after }))["clients"]!;
            foreach (var e in page["edges"]!.AsArray()) yield return e!["node"]!.Long("databaseId");
            after = Next(page);
        } while (after is not null);
    }
}

public sealed class PostgresFoldLeakTests(PostgresGraphApp app) : FoldLeakTests<PostgresGraphApp>(app);
public sealed class SqliteFoldLeakTests(SqliteGraphApp app) : FoldLeakTests<SqliteGraphApp>(app);

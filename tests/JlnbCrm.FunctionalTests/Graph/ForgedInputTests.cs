using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// Input a client made up rather than read from us: forged cursors, page sizes out of range on nested lists,
/// control characters in search and filters. Each is refused with its code, never a 500 or another code.
/// </summary>
public abstract class ForgedInputTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Page = """
        query($first: Int, $after: String, $last: Int, $before: String, $order: [ClientSortInput!]) {
          clients(first: $first, after: $after, last: $last, before: $before, order: $order) { edges { node { name } } }
        }
        """;

    private static string Forge(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>Cursors for <c>order: [{ name: ASC }]</c> (keys Name, Id) and <c>[{ createdAt: DESC }]</c>.</summary>
    private static readonly (string Case, string Order, string Cursor)[] Forged =
    [
        ("not base64", "name", "%%% not base64 %%%"),
        ("empty", "name", ""),
        ("not JSON", "name", Forge("not json at all")),
        ("JSON null", "name", Forge("null")),
        ("JSON array", "name", Forge("""["Name+,Id+", ["A", "1"]]""")),
        ("empty object", "name", Forge("{}")),
        ("keys not a list", "name", Forge("""{"O":"Name+,Id+","K":"A"}""")),
        ("keys null", "name", Forge("""{"O":"Name+,Id+","K":null}""")),
        ("order a number", "name", Forge("""{"O":5,"K":["A","1"]}""")),
        ("too few values", "name", Forge("""{"O":"Name+,Id+","K":["A"]}""")),
        ("too many values", "name", Forge("""{"O":"Name+,Id+","K":["A","1","2"]}""")),
        ("another order", "name", Forge("""{"O":"Id+,Name+","K":["1","A"]}""")),
        ("null name", "name", Forge("""{"O":"Name+,Id+","K":[null,"1"]}""")),
        ("null id", "name", Forge("""{"O":"Name+,Id+","K":["A",null]}""")),
        ("id not a number", "name", Forge("""{"O":"Name+,Id+","K":["A","abc"]}""")),
        ("id a JSON number", "name", Forge("""{"O":"Name+,Id+","K":["A",1]}""")),
        ("id overflows", "name", Forge("""{"O":"Name+,Id+","K":["A","99999999999999999999"]}""")),
        ("id huge", "name", Forge($$"""{"O":"Name+,Id+","K":["A","{{new string('9', 20_000)}}"]}""")),
        ("id exponent", "name", Forge("""{"O":"Name+,Id+","K":["A","1e3"]}""")),
        ("name with NUL", "name", Forge("""{"O":"Name+,Id+","K":["A\u0000B","1"]}""")),
        ("name a lone surrogate", "name", Forge("""{"O":"Name+,Id+","K":["\ud800","1"]}""")),
        ("name an object", "name", Forge("""{"O":"Name+,Id+","K":[{"x":1},"1"]}""")),
        ("nested too deep", "name", Forge(new string('[', 500) + new string(']', 500))),
        ("date year 10000", "createdAt", Forge("""{"O":"CreatedAt-,Id+","K":["10000-01-01T00:00:00Z","1"]}""")),
        ("date 30 February", "createdAt", Forge("""{"O":"CreatedAt-,Id+","K":["2026-02-30T00:00:00Z","1"]}""")),
        ("date not a date", "createdAt", Forge("""{"O":"CreatedAt-,Id+","K":["yesterday","1"]}""")),
        ("date null", "createdAt", Forge("""{"O":"CreatedAt-,Id+","K":[null,"1"]}""")),
    ];

    private static object Order(string by) => by == "name" ? new[] { new { name = "ASC" } } : new[] { new { createdAt = "DESC" } };

    [Fact]
    public async Task Every_forged_cursor_answers_invalid_cursor_naming_the_argument_it_came_in()
    {
        var client = app.Client();
        var wrong = new List<string>();
        foreach (var (name, order, cursor) in Forged)
        {
            foreach (var argument in new[] { "after", "before" })
            {
                var variables = argument == "after"
                    ? (object)new { first = 5, after = cursor, order = Order(order) }
                    : new { last = 5, before = cursor, order = Order(order) };
                var response = await client.SendAsync(Page, variables);
                var errors = response["errors"]?.AsArray();
                var error = errors?.Count == 1 ? errors[0]! : null;
                var ok = error?["extensions"]?["code"]?.GetValue<string>() == "INVALID_CURSOR"
                    && error["message"]!.GetValue<string>().Contains($"'{argument}'")
                    && response["data"] is null;
                if (!ok) wrong.Add($"{name} as {argument}: {response.ToJsonString()[..Math.Min(400, response.ToJsonString().Length)]}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_genuine_cursor_still_pages_both_ways()
    {
        var client = app.Client();
        var first = (await client.DataAsync("""
            { clients(first: 3, order: [{ name: ASC }]) { pageInfo { endCursor } edges { node { name } } } }
            """))["clients"]!;
        var cursor = first["pageInfo"]!["endCursor"]!.GetValue<string>();
        var next = await client.DataAsync(Page, new { first = 2, after = cursor, order = Order("name") });
        Assert.Equal(2, next["clients"]!["edges"]!.AsArray().Count);
        var back = await client.DataAsync(Page, new { last = 2, before = cursor, order = Order("name") });
        Assert.Equal(2, back["clients"]!["edges"]!.AsArray().Count);
    }

    /// <summary>Each nested list, by the query that reaches it.</summary>
    public static TheoryData<string> NestedLists => new()
    {
        "{ clients(first: 2) { edges { node { interactions(first: $n) { items { databaseId } } } } } }",
        "{ clients(first: 2) { edges { node { products(first: $n) { items { databaseId } } } } } }",
        "{ clients(first: 2) { edges { node { queries(first: $n) { items { databaseId } } } } } }",
        "{ clients(first: 2) { edges { node { serviceRequests(first: $n) { items { databaseId } } } } } }",
        "{ teams(first: 2) { edges { node { members(first: $n) { items { databaseId } } } } } }",
        "{ interactions(first: 2) { edges { node { crossSellLeads(first: $n) { items { databaseId } } } } } }",
        "{ interactions(first: $n) { edges { node { databaseId } } } }",
    };

    [Theory]
    [MemberData(nameof(NestedLists))]
    public async Task Nested_lists_follow_the_page_rules_of_root_connections(string selection)
    {
        var query = "query($n: Int) " + selection;
        var client = app.Client();
        foreach (var (size, code, message) in new (int, string, string)[]
        {
            (-1, "INVALID_PAGE", "first and last cannot be negative; first was -1."),
            (101, "PAGE_SIZE_EXCEEDED", "Pages hold at most 100 rows; first was 101."),
            (100000, "PAGE_SIZE_EXCEEDED", "Pages hold at most 100 rows; first was 100000."),
        })
        {
            // One error per parent row that asked: every one the same.
            var response = await client.SendAsync(query, new { n = size });
            Assert.Equal([code], GraphClient.ErrorCodes(response).Distinct());
            Assert.Equal([message], response["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).Distinct());
        }
        Assert.Empty(GraphClient.ErrorCodes(await client.SendAsync(query, new { n = 100 })));
        Assert.Empty(GraphClient.ErrorCodes(await client.SendAsync(query, new { n = 0 })));
    }

    [Fact]
    public async Task A_nested_first_takes_the_first_rows_of_each_parent()
    {
        var data = await app.Client().DataAsync("{ teams(first: 5) { edges { node { all: members { items { name } } two: members(first: 2) { items { name } } } } } }");
        var teams = data["teams"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.Contains(teams, t => t["all"]!["items"]!.AsArray().Count > 2);
        foreach (var team in teams)
        {
            var all = team["all"]!["items"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).ToList();
            Assert.Equal(all.Take(2), team["two"]!["items"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
        }
    }

    /// <summary>Text with a control character, and where it goes: the search box or a string filter.</summary>
    public static TheoryData<string, string, string> ControlCharacters
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var text in new[] { "\u0000", "Meh\u0000", "\u0001", "\u001b[0m", "\u001f", "\u007f", "\u0085" })
            {
                data.Add("query($t: String) { clients(search: $t) { totalCount } }", text, "'search'");
                data.Add("query($t: String) { clients(where: { name: { contains: $t } }) { totalCount } }", text, "'where.name.contains'");
                data.Add("query($t: String) { clients(where: { email: { startsWith: $t } }) { totalCount } }", text, "'where.email.startsWith'");
                data.Add("query($t: String) { leads(where: { prospectName: { eq: $t } }) { totalCount } }", text, "'where.prospectName.eq'");
                data.Add("query($t: String!) { clients(where: { name: { in: [\"x\", $t] } }) { totalCount } }", text, "'where.name.in'");
                data.Add("query($t: String) { clients(where: { assignedRm: { team: { name: { neq: $t } } } }) { totalCount } }", text, "'where.name.neq'");
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task Control_characters_in_search_and_filters_are_refused_and_match_nothing(string query, string text, string field)
    {
        var response = await app.Client().SendAsync(query, new { t = text });
        Assert.Equal(["INVALID"], GraphClient.ErrorCodes(response));
        Assert.Contains(field, response["errors"]![0]!["message"]!.GetValue<string>());
        Assert.True(response["data"] is null, response.ToJsonString());
    }

    [Theory]
    [InlineData("\t")]
    [InlineData("line\nbreak")]
    [InlineData("\r\n")]
    public async Task Tabs_and_line_breaks_are_text_and_may_be_filtered_on(string text)
    {
        var data = await app.Client().DataAsync("query($t: String) { clients(where: { address: { contains: $t } }) { totalCount } }", new { t = text });
        Assert.NotNull(data["clients"]!["totalCount"]);
    }
}

public sealed class PostgresForgedInputTests(PostgresGraphApp app) : ForgedInputTests<PostgresGraphApp>(app);
public sealed class SqliteForgedInputTests(SqliteGraphApp app) : ForgedInputTests<SqliteGraphApp>(app);

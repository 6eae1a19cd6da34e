using System.Text.Json.Nodes;
using JlnbCrm.Clients;
using JlnbCrm.FunctionalTests.Databases;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Graph;

public abstract class PagingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Page = """
        query($first: Int, $after: String, $last: Int, $before: String, $order: [ClientSortInput!]) {
          clients(first: $first, after: $after, last: $last, before: $before, order: $order) {
            totalCount edges { cursor node { databaseId name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
        """;

    private async Task<JsonNode> PageAsync(object variables) => (await app.Client().DataAsync(Page, variables))["clients"]!;

    private static long[] Ids(JsonNode page) => page["edges"]!.AsArray().Select(e => e!["node"]!["databaseId"]!.GetValue<long>()).ToArray();

    [Fact]
    public async Task Walking_forward_by_name_visits_every_client_once_in_order()
    {
        await using var db = app.Db.Open();
        var expected = await db.Clients.OrderBy(c => c.Name).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var seen = new List<long>();
        string? after = null;
        var order = new[] { new { name = "ASC" } };
        for (var pages = 0; ; pages++)
        {
            var page = await PageAsync(new { first = 37, after, order });
            Assert.Equal(expected.Count, page["totalCount"]!.GetValue<int>());
            Assert.Equal(after is not null, page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
            seen.AddRange(Ids(page));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
            Assert.True(pages < 100);
        }
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Walking_backward_by_newest_first_visits_every_client_once_in_order()
    {
        await using var db = app.Db.Open();
        var expected = await db.Clients.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var seen = new List<long>();
        string? before = null;
        var order = new[] { new { createdAt = "DESC" } };
        while (true)
        {
            var page = await PageAsync(new { last = 45, before, order });
            seen.InsertRange(0, Ids(page));
            if (!page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>()) break;
            before = page["pageInfo"]!["startCursor"]!.GetValue<string>();
        }
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_row_added_before_the_cursor_neither_shifts_nor_repeats_the_next_page()
    {
        var order = new[] { new { name = "ASC" } };
        var first = await PageAsync(new { first = 10, order });
        List<long> expectedNext;
        await using (var db = app.Db.Open())
        {
            expectedNext = await db.Clients.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(10).Take(10).Select(c => c.Id).ToListAsync();
            var rm = await db.Users.FirstAsync(u => u.RoleId == Users.RoleLevel.Executive);
            db.Clients.Add(new Client(TestData.NewClient("Aaaa Early Bird"), rm.Id));
            await db.SaveChangesAsync();
        }
        var second = await PageAsync(new { first = 10, after = first["pageInfo"]!["endCursor"]!.GetValue<string>(), order });
        // Offset paging would now repeat the 10th row; the keyset cursor continues exactly where page one ended.
        Assert.Equal(expectedNext, Ids(second));
    }

    [Fact]
    public async Task Oversized_conflicting_and_foreign_page_requests_are_refused_with_codes()
    {
        var client = app.Client();
        Assert.Equal(["PAGE_SIZE_EXCEEDED"], GraphClient.ErrorCodes(await client.SendAsync(Page, new { first = 101 })));
        Assert.Equal(["INVALID_PAGE"], GraphClient.ErrorCodes(await client.SendAsync(Page, new { first = 5, last = 5 })));
        Assert.Equal(["INVALID_CURSOR"], GraphClient.ErrorCodes(await client.SendAsync(Page, new { first = 5, after = "not-a-cursor" })));
        var byName = await PageAsync(new { first = 5, order = new[] { new { name = "ASC" } } });
        var foreign = await client.SendAsync(Page, new { first = 5, after = byName["pageInfo"]!["endCursor"]!.GetValue<string>(), order = new[] { new { createdAt = "ASC" } } });
        Assert.Equal(["INVALID_CURSOR"], GraphClient.ErrorCodes(foreign));
        var message = (await client.SendAsync(Page, new { first = 101 }))["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Equal("Pages hold at most 100 rows; first was 101.", message);
    }
}

public sealed class PostgresPagingTests(PostgresGraphApp app) : PagingTests<PostgresGraphApp>(app);
public sealed class SqlitePagingTests(SqliteGraphApp app) : PagingTests<SqliteGraphApp>(app);

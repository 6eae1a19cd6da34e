using System.Text;
using System.Text.Json.Nodes;
using JlnbCrm.Leads;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// Sorting by enums, nullable fields and to-one paths, paged with a small page size through the whole list over
/// HTTP and compared with the whole list ordered here, in memory, by the documented rules: enums in their declared
/// order, rows without a value last in both directions, ties by id. (The test databases use the C collation, so
/// ordinal string order is the databases' order on both providers.)
/// </summary>
public abstract class SortingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private sealed record Lead(long Id, LeadStatus Status, string? ConversionRm, string Product);

    private sealed record Request(long Id, DateTime? ClosedAt);

    private async Task<List<Lead>> LeadsAsync()
    {
        await using var db = app.Db.Open();
        return (await db.Leads.Select(l => new { l.Id, l.Status, Rm = l.ConversionRm!.Name, Product = l.Product!.Name }).ToListAsync())
            .Select(l => new Lead(l.Id, l.Status, l.Rm, l.Product)).ToList();
    }

    [Fact]
    public async Task Leads_by_status_follow_the_declared_order_not_the_stored_text_in_both_directions()
    {
        var leads = await LeadsAsync();
        Assert.True(leads.Select(l => l.Status).Distinct().Count() >= 3, "the demo firm has leads in several statuses");
        // Declared (and listed) order: New, WIP, Converted, Denied. Alphabetical by the stored text would put Converted first.
        var asc = leads.OrderBy(l => (int)l.Status).ThenBy(l => l.Id).Select(l => l.Id).ToList();
        Assert.Equal(asc, await WalkAsync("leads", "LeadSortInput", new[] { new { status = "ASC" } }, first: 9));
        var desc = leads.OrderByDescending(l => (int)l.Status).ThenBy(l => l.Id).Select(l => l.Id).ToList();
        Assert.Equal(desc, await WalkAsync("leads", "LeadSortInput", new[] { new { status = "DESC" } }, first: 9));
        Assert.Equal(desc, await WalkBackwardAsync("leads", "LeadSortInput", new[] { new { status = "DESC" } }, last: 11));
    }

    [Theory]
    [InlineData("ASC")]
    [InlineData("DESC")]
    public async Task Leads_by_their_conversion_rms_name_put_leads_without_one_last_either_way(string direction)
    {
        var leads = await LeadsAsync();
        Assert.Contains(leads, l => l.ConversionRm is null);
        Assert.True(leads.Where(l => l.ConversionRm is not null).GroupBy(l => l.ConversionRm).Any(g => g.Count() > 1), "ties");
        var named = leads.Where(l => l.ConversionRm is not null);
        var expected = (direction == "ASC" ? named.OrderBy(l => l.ConversionRm, StringComparer.Ordinal)
                : named.OrderByDescending(l => l.ConversionRm, StringComparer.Ordinal))
            .ThenBy(l => l.Id).Concat(leads.Where(l => l.ConversionRm is null).OrderBy(l => l.Id)).Select(l => l.Id).ToList();
        var order = new[] { new { conversionRm = new { name = direction } } };
        Assert.Equal(expected, await WalkAsync("leads", "LeadSortInput", order, first: 7));
        Assert.Equal(expected, await WalkBackwardAsync("leads", "LeadSortInput", order, last: 8));
    }

    [Fact]
    public async Task Leads_by_status_then_product_name_descending_page_through_the_join()
    {
        var leads = await LeadsAsync();
        var expected = leads.OrderBy(l => (int)l.Status).ThenByDescending(l => l.Product, StringComparer.Ordinal).ThenBy(l => l.Id)
            .Select(l => l.Id).ToList();
        var order = new object[] { new { status = "ASC" }, new { product = new { name = "DESC" } } };
        Assert.Equal(expected, await WalkAsync("leads", "LeadSortInput", order, first: 10));
    }

    [Fact]
    public async Task Clients_by_their_rms_name_page_through_every_client_once()
    {
        await using var db = app.Db.Open();
        var clients = await db.Clients.Select(c => new { c.Id, Rm = c.AssignedRm!.Name }).ToListAsync();
        var expected = clients.OrderBy(c => c.Rm, StringComparer.Ordinal).ThenBy(c => c.Id).Select(c => c.Id).ToList();
        Assert.Equal(expected, await WalkAsync("clients", "ClientSortInput", new[] { new { assignedRm = new { name = "ASC" } } }, first: 25));
    }

    [Theory]
    [InlineData("ASC")]
    [InlineData("DESC")]
    public async Task Service_requests_by_closing_time_put_open_ones_last_either_way(string direction)
    {
        var requests = await RequestsAsync();
        Assert.Contains(requests, r => r.ClosedAt is null);
        var closed = requests.Where(r => r.ClosedAt is not null);
        var expected = (direction == "ASC" ? closed.OrderBy(r => r.ClosedAt) : closed.OrderByDescending(r => r.ClosedAt))
            .ThenBy(r => r.Id).Concat(requests.Where(r => r.ClosedAt is null).OrderBy(r => r.Id)).Select(r => r.Id).ToList();
        var order = new[] { new { closedAt = direction } };
        Assert.Equal(expected, await WalkAsync("serviceRequests", "ServiceRequestSortInput", order, first: 13));
        Assert.Equal(expected, await WalkBackwardAsync("serviceRequests", "ServiceRequestSortInput", order, last: 12));
    }

    [Fact]
    public async Task A_cursor_inside_the_null_section_seeks_by_id_and_forged_ones_are_refused()
    {
        var requests = await RequestsAsync();
        var open = requests.Where(r => r.ClosedAt is null).OrderBy(r => r.Id).ToList();
        var order = new[] { new { closedAt = "ASC" } };
        var real = (await PageAsync("serviceRequests", "ServiceRequestSortInput", new { first = 1, order }))["pageInfo"]!["endCursor"]!
            .GetValue<string>();
        var signature = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url(real)))!["O"]!.GetValue<string>();

        // A cursor at an open request (null closedAt): only open requests with a larger id follow.
        var middle = open[open.Count / 2].Id;
        var after = Cursor(signature, null, middle.ToString());
        var rest = await WalkAsync("serviceRequests", "ServiceRequestSortInput", order, first: 50, after);
        Assert.Equal(open.Where(r => r.Id > middle).Select(r => r.Id), rest);

        var client = app.Client();
        foreach (var forged in new[] { Cursor(signature, "not a time", "1"), Cursor(signature, null, null), Cursor(signature, "2026-01-01T00:00:00Z") })
        {
            var response = await client.SendAsync(Query("serviceRequests", "ServiceRequestSortInput"), new { first = 5, after = forged, order });
            Assert.Equal(["INVALID_CURSOR"], GraphClient.ErrorCodes(response));
        }
    }

    [Fact]
    public async Task A_relation_needs_a_field_to_sort_by_and_admin_only_fields_stay_refused_under_it()
    {
        var client = app.Client();
        var bare = await client.SendAsync("{ leads(order: [{ conversionRm: ASC }]) { totalCount } }");
        Assert.NotEmpty(GraphClient.ErrorCodes(bare));
        var underRelation = await app.ClientAs("rohan.mehta@jlnb.in")
            .SendAsync("{ clients(first: 1, order: [{ assignedRm: { isActive: ASC } }]) { totalCount } }");
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(underRelation));
    }

    /// <summary>
    /// Farhan (KYC desk) logs an interaction on the client of an unassigned request of his desk; once the request goes to
    /// Lakshmi he no longer sees that client, but still his interaction. Sorted by client name, it is still listed (last:
    /// the name he may not see is a null), not dropped by the join.
    /// </summary>
    [Fact]
    public async Task A_related_row_the_caller_may_not_see_sorts_as_null_instead_of_hiding_the_row()
    {
        var admin = app.Client();
        var client = (await admin.FirstAsync("clients", "ClientFilterInput",
            new { assignedRm = new { email = new { eq = "rahul.joshi@jlnb.in" } }, serviceRequests = new { any = false }, queries = new { any = false } }))
            ["databaseId"]!.GetValue<long>();
        var request = (await admin.MutateAsync(Operations.Mutation("createServiceRequest", "CreateServiceRequestInput",
            "serviceRequest { databaseId version }"), "createServiceRequest",
            new { clientId = client, type = "KYC_UPDATE", details = "Update the KYC address." }))["serviceRequest"]!;
        var farhan = app.ClientAs("farhan.qureshi@jlnb.in");
        var logged = (await farhan.MutateAsync(Operations.Mutation("logInteraction", "LogInteractionInput", "interaction { databaseId }"),
            "logInteraction", new { clientId = client, type = "NEW_BUSINESS", details = "Asked for the address proof." }))["interaction"]!
            .Long("databaseId");
        await admin.MutateAsync(Operations.Mutation("assignServiceRequest", "AssignServiceRequestInput", "serviceRequest { databaseId }"),
            "assignServiceRequest", new { id = request.Long("databaseId"), version = request.Long("version"),
                userId = await admin.UserIdAsync("lakshmi.iyer@jlnb.in") });

        var sees = await farhan.DataAsync("query($id: Long) { clients(where: { databaseId: { eq: $id } }) { totalCount } }", new { id = client });
        Assert.Equal(0, sees["clients"]!["totalCount"]!.GetValue<int>());

        const string Listed = "query($order: [InteractionSortInput!]) { interactions(first: 100, order: $order) " +
            "{ totalCount edges { node { databaseId } } } }";
        var byId = (await farhan.DataAsync(Listed, new { order = Array.Empty<object>() }))["interactions"]!;
        Assert.Contains(logged, Ids(byId));
        var byClient = (await farhan.DataAsync(Listed, new { order = new[] { new { client = new { name = "ASC" } } } }))["interactions"]!;
        Assert.Equal(byId["totalCount"]!.GetValue<int>(), byClient["edges"]!.AsArray().Count);
        Assert.Equal(logged, Ids(byClient).Last());
    }

    private async Task<List<Request>> RequestsAsync()
    {
        await using var db = app.Db.Open();
        return await db.ServiceRequests.Select(r => new Request(r.Id, r.ClosedAt)).ToListAsync();
    }

    private static string Query(string list, string sortType) =>
        $"query($first: Int, $after: String, $last: Int, $before: String, $order: [{sortType}!]) {{ {list}(first: $first, " +
        "after: $after, last: $last, before: $before, order: $order) { totalCount edges { node { databaseId } } " +
        "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }";

    private async Task<JsonNode> PageAsync(string list, string sortType, object variables) =>
        (await app.Client().DataAsync(Query(list, sortType), variables))[list]!;

    private static IEnumerable<long> Ids(JsonNode page) =>
        page["edges"]!.AsArray().Select(e => e!["node"]!["databaseId"]!.GetValue<long>());

    /// <summary>Every row, forward from the start (or from <paramref name="after"/>), <paramref name="first"/> at a time.</summary>
    private async Task<List<long>> WalkAsync(string list, string sortType, object order, int first, string? after = null)
    {
        var seen = new List<long>();
        for (var pages = 0; ; pages++)
        {
            var page = await PageAsync(list, sortType, new { first, after, order });
            seen.AddRange(Ids(page));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) return seen;
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
            Assert.True(pages < 200, "paging ends");
        }
    }

    /// <summary>Every row, backward from the end, <paramref name="last"/> at a time, returned in list order.</summary>
    private async Task<List<long>> WalkBackwardAsync(string list, string sortType, object order, int last)
    {
        var seen = new List<long>();
        string? before = null;
        for (var pages = 0; ; pages++)
        {
            var page = await PageAsync(list, sortType, new { last, before, order });
            seen.InsertRange(0, Ids(page));
            if (!page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>()) return seen;
            before = page["pageInfo"]!["startCursor"]!.GetValue<string>();
            Assert.True(pages < 200, "paging ends");
        }
    }

    /// <summary>A cursor as a client could write one: the server's order signature with chosen values.</summary>
    private static string Cursor(string signature, params string?[] values) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["O"] = signature, ["K"] = new JsonArray(values.Select(v => (JsonNode?)(v is null ? null : JsonValue.Create(v))).ToArray()),
        }.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}

public sealed class PostgresSortingTests(PostgresGraphApp app) : SortingTests<PostgresGraphApp>(app);
public sealed class SqliteSortingTests(SqliteGraphApp app) : SortingTests<SqliteGraphApp>(app);

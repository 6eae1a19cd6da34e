using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;
using Microsoft.EntityFrameworkCore;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Access;

/// <summary>
/// Every protected field (<c>FieldRules.All</c>: client PAN and account id, masked per row; user isActive, admin
/// only) on every path, as Farhan Qureshi (executive of the KYC desk) who reaches two of Priya's Mumbai clients only through
/// his work: a service request on one, a query on the other. The clear values never appear anywhere he can look
/// (output, node, nested, filters, sort order, cursors, search, list, profile, edit form, CSV, audit), and no
/// filter or sort answers differently for a right and a wrong guess of a hidden character.
/// </summary>
public abstract partial class ProtectedFieldTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Farhan = "farhan.qureshi@jlnb.in";

    /// <summary>
    /// Two clients whose PAN and account id share the visible characters and differ only in hidden ones; the first
    /// (lower id) has the larger hidden digits, so ordering by the clear values would put it second.
    /// </summary>
    private sealed record Probe(long First, long Second, string Pan1, string Pan2, string Account1, string Account2,
        long RequestId, long QueryId)
    {
        public string MaskedPan => Pan1[..5] + "****" + Pan1[9];
        public string MaskedAccount => "****" + Account1[^4..];
        public string[] Secrets => [Pan1, Pan2, Account1, Account2, Pan1[5..9], Pan2[5..9], Account1[..^4], Account2[..^4]];
        /// <summary>A wrong guess: the same visible characters, other hidden ones.</summary>
        public string WrongPan => Pan1[..5] + "0000" + Pan1[9];
        public string WrongAccount => "AA000000" + Account1[^4..];
    }

    private async Task<Probe> ArrangeAsync()
    {
        var admin = app.Client();
        var priya = await admin.UserIdAsync("priya.nair@jlnb.in");
        var farhan = await admin.UserIdAsync(Farhan);
        var letters = new string(Enumerable.Range(0, 5).Select(_ => (char)('A' + Random.Shared.Next(26))).ToArray());
        var last = (char)('A' + Random.Shared.Next(26));
        var serial = Random.Shared.Next(100_000, 999_999);
        var (pan1, pan2) = ($"{letters}9876{last}", $"{letters}1234{last}");
        var (account1, account2) = ($"ZQ{serial}5555", $"AQ{serial}5555");
        var create = Mutation("createClient", "CreateClientInput", "client { databaseId }");
        var first = (await admin.MutateAsync(create, "createClient", new { name = $"Probe {letters} One", pan = pan1, accountId = account1, assignedRmId = priya }))
            ["client"]!.Long("databaseId");
        var second = (await admin.MutateAsync(create, "createClient", new { name = $"Probe {letters} Two", pan = pan2, accountId = account2, assignedRmId = priya }))
            ["client"]!.Long("databaseId");
        var request = (await admin.MutateAsync(Mutation("createServiceRequest", "CreateServiceRequestInput", "serviceRequest { databaseId }"),
            "createServiceRequest", new { clientId = first, type = "KYC_UPDATE", details = "Update KYC", assignedUserId = farhan }))["serviceRequest"]!.Long("databaseId");
        var query = (await admin.MutateAsync(Mutation("openClientQuery", "OpenClientQueryInput", "clientQuery { databaseId }"),
            "openClientQuery", new { clientId = second, details = "Statement query", assignedRmId = farhan }))["clientQuery"]!.Long("databaseId");
        return new Probe(first, second, pan1, pan2, account1, account2, request, query);
    }

    private static void Hidden(Probe probe, string text, string where)
    {
        foreach (var secret in probe.Secrets)
            Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{where} shows the hidden '{secret}': {text}");
    }

    private static async Task<int> CountAsync(GraphClient client, object where) =>
        (await client.DataAsync("query($w: ClientFilterInput) { clients(first: 100, where: $w) { edges { node { databaseId } } } }", new { w = where }))
        ["clients"]!["edges"]!.AsArray().Count;

    [Fact]
    public async Task The_clear_values_are_shown_to_the_rm_and_admins_and_masked_to_someone_who_reaches_the_client_through_work()
    {
        var probe = await ArrangeAsync();
        const string fields = "databaseId pan accountId";
        var both = new { databaseId = new { @in = new[] { probe.First, probe.Second } } };
        foreach (var rm in new[] { GraphApp<Databases.SqliteDatabase>.Admin, "priya.nair@jlnb.in", "rohan.mehta@jlnb.in" })
        {
            var seen = (await app.ClientAs(rm).DataAsync($"query($w: ClientFilterInput) {{ clients(where: $w) {{ edges {{ node {{ {fields} }} }} }} }}", new { w = both })).ToJsonString();
            Assert.Contains(probe.Pan1, seen);
            Assert.Contains(probe.Account2, seen);
        }

        var farhan = app.ClientAs(Farhan);
        var globalId = (await app.Client().FirstAsync("clients", "ClientFilterInput", new { databaseId = new { eq = probe.First } }, "id")).Str("id");
        var outputs = new (string Name, string Query)[]
        {
            ("clients", $"{{ clients(where: {{ databaseId: {{ in: [{probe.First}, {probe.Second}] }} }}) {{ edges {{ node {{ {fields} }} }} }} }}"),
            ("node", $"{{ a: node(id: \"{globalId}\") {{ ... on Client {{ {fields} }} }} }}"),
            ("serviceRequests.client", $"{{ serviceRequests(where: {{ databaseId: {{ eq: {probe.RequestId} }} }}) {{ edges {{ node {{ client {{ {fields} }} }} }} }} }}"),
            ("clientQueries.client", $"{{ clientQueries(where: {{ databaseId: {{ eq: {probe.QueryId} }} }}) {{ edges {{ node {{ client {{ {fields} }} }} }} }} }}"),
        };
        foreach (var (name, query) in outputs)
        {
            var text = (await farhan.DataAsync(query)).ToJsonString();
            Assert.Contains(probe.MaskedPan, text);
            Assert.Contains(probe.MaskedAccount, text);
            Hidden(probe, text, name);
        }
    }

    [Fact]
    public async Task Filters_match_only_what_the_caller_sees_so_no_guess_of_a_hidden_character_answers()
    {
        var probe = await ArrangeAsync();
        var farhan = app.ClientAs(Farhan);
        var ids = new[] { probe.First, probe.Second };
        object Clause(string field, string op, object value) =>
            new Dictionary<string, object> { ["databaseId"] = new { @in = ids }, [field] = new Dictionary<string, object> { [op] = value } };

        foreach (var (field, clear, wrong, masked) in new[]
                 { ("pan", probe.Pan1, probe.WrongPan, probe.MaskedPan), ("accountId", probe.Account1, probe.WrongAccount, probe.MaskedAccount) })
        {
            // Nothing matches on a hidden character: equality, membership, prefixes and fragments of the clear value.
            foreach (var (op, value) in new (string, object)[]
                     { ("eq", clear), ("in", new[] { clear }), ("startsWith", clear[..^3]), ("contains", clear[3..^1]),
                       ("endsWith", clear[4..]) })
                Assert.True(await CountAsync(farhan, Clause(field, op, value)) == 0, $"{field} {op} {value} matched a masked client");
            // Every operator answers the same for the right and a wrong guess: the count is no oracle.
            foreach (var (op, right, guess) in new (string, object, object)[]
                     { ("eq", clear, wrong), ("neq", clear, wrong), ("in", new[] { clear }, new[] { wrong }), ("nin", new[] { clear }, new[] { wrong }),
                       ("startsWith", clear[..^1], wrong[..^1]), ("contains", clear[1..^1], wrong[1..^1]),
                       ("ncontains", clear[1..^1], wrong[1..^1]), ("nstartsWith", clear[..^1], wrong[..^1]),
                       ("endsWith", clear[4..], wrong[4..]), ("nendsWith", clear[4..], wrong[4..]) })
                Assert.True(await CountAsync(farhan, Clause(field, op, right)) == await CountAsync(farhan, Clause(field, op, guess)),
                    $"{field} {op} tells the clear value from a wrong guess");
            Assert.Equal(2, await CountAsync(farhan, Clause(field, "eq", masked)));
            Assert.Equal(2, await CountAsync(farhan, Clause(field, "endsWith", masked[3..])));
            Assert.Equal(0, await CountAsync(farhan, Clause(field, "nendsWith", masked[3..])));
            Assert.Equal(2, await CountAsync(farhan, Clause(field, "ncontains", clear[3..^1])));
            // From a parent over a to-many relation: Priya, by the clients she is the RM of.
            async Task<int> Rms(object clause) => (await farhan.DataAsync("query($w: UserFilterInput) { users(where: $w) { totalCount } }",
                new { w = new { clients = new { some = clause } } }))["users"]!["totalCount"]!.GetValue<int>();
            Assert.Equal(0, await Rms(Clause(field, "startsWith", clear[..^1])));
            Assert.Equal(await Rms(Clause(field, "nstartsWith", clear[..^1])), await Rms(Clause(field, "nstartsWith", wrong[..^1])));
            Assert.Equal(1, await Rms(Clause(field, "eq", masked)));
            // The same filter through the relations Farhan reaches the clients by.
            var request = await farhan.DataAsync("query($w: ServiceRequestFilterInput) { serviceRequests(where: $w) { totalCount } }",
                new { w = new Dictionary<string, object> { ["databaseId"] = new { eq = probe.RequestId }, ["client"] = Clause(field, "startsWith", clear[..6]) } });
            Assert.Equal(0, request["serviceRequests"]!["totalCount"]!.GetValue<int>());
            var query = await farhan.DataAsync("query($w: ClientQueryFilterInput) { clientQueries(where: $w) { totalCount } }",
                new { w = new Dictionary<string, object> { ["databaseId"] = new { eq = probe.QueryId }, ["client"] = Clause(field, "eq", field == "pan" ? probe.Pan2 : probe.Account2) } });
            Assert.Equal(0, query["clientQueries"]!["totalCount"]!.GetValue<int>());
        }
        // The same clause finds the client for the people who see it in clear: the filter works, it just hides.
        Assert.Equal(1, await CountAsync(app.Client(), Clause("pan", "eq", probe.Pan1)));
        Assert.Equal(1, await CountAsync(app.ClientAs("priya.nair@jlnb.in"), Clause("accountId", "startsWith", probe.Account1[..^3])));
    }

    /// <summary>Both masked fields sort as the caller sees them; account id is nullable (rows without one sort last).</summary>
    [Theory]
    [InlineData("pan")]
    [InlineData("accountId")]
    public async Task Sorting_and_cursors_use_only_the_masked_value(string field)
    {
        var probe = await ArrangeAsync();
        var farhan = app.ClientAs(Farhan);
        const string page = "query($w: ClientFilterInput, $o: [ClientSortInput!], $after: String) { clients(first: 1, where: $w, order: $o, after: $after) " +
            "{ edges { cursor node { databaseId } } pageInfo { endCursor hasNextPage } } }";
        var where = new { databaseId = new { @in = new[] { probe.First, probe.Second } } };
        var order = new[] { new Dictionary<string, string> { [field] = "ASC" } };
        var seen = new List<long>();
        string? after = null;
        do
        {
            var response = await farhan.SendAsync(page, new { w = where, o = order, after });
            Hidden(probe, response.ToJsonString(), $"order by {field}");
            var data = response["data"]!["clients"]!;
            foreach (var edge in data["edges"]!.AsArray())
            {
                var cursor = Decode(edge!["cursor"]!.GetValue<string>());
                Hidden(probe, cursor, $"a cursor of order by {field}");
                Assert.Contains(field == "pan" ? probe.MaskedPan : probe.MaskedAccount, cursor);
                seen.Add(edge["node"]!.Long("databaseId"));
            }
            after = data["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? data["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        } while (after is not null);
        // Equal as Farhan sees them, so ordered by id: by the clear values the second client would come first.
        Assert.Equal([probe.First, probe.Second], seen);
    }

    /// <summary>Sorting work by its client's PAN (a to-one path) orders and writes cursors by the masked value too.</summary>
    [Fact]
    public async Task Sorting_through_a_relation_uses_the_masked_value()
    {
        var probe = await ArrangeAsync();
        const string page = "query($id: Long) { serviceRequests(first: 1, where: { databaseId: { eq: $id } }, " +
            "order: [{ client: { pan: ASC } }]) { edges { cursor node { databaseId } } } }";
        var response = await app.ClientAs(Farhan).SendAsync(page, new { id = probe.RequestId });
        Hidden(probe, response.ToJsonString(), "order by client.pan");
        var edge = Assert.Single(response["data"]!["serviceRequests"]!["edges"]!.AsArray())!;
        var cursor = Decode(edge["cursor"]!.GetValue<string>());
        Hidden(probe, cursor, "a cursor of order by client.pan");
        Assert.Contains(probe.MaskedPan, cursor);
    }

    [Fact]
    public async Task Search_finds_by_the_visible_characters_only()
    {
        var probe = await ArrangeAsync();
        var farhan = app.ClientAs(Farhan);
        async Task<int> Found(GraphClient client, string term) =>
            (await client.DataAsync("query($s: String) { clients(search: $s, first: 100) { edges { node { databaseId } } } }", new { s = term }))
            ["clients"]!["edges"]!.AsArray().Count(e => e!["node"]!.Long("databaseId") is var id && (id == probe.First || id == probe.Second));
        foreach (var term in new[] { probe.Pan1, probe.Pan1[..6], probe.Pan1[..8], probe.Account1, probe.Account2 })
            Assert.True(await Found(farhan, term) == 0, $"searching '{term}' found a client whose PAN and account id Farhan sees masked");
        Assert.Equal(2, await Found(farhan, probe.Pan1[..5]));
        Assert.Equal(1, await Found(app.Client(), probe.Pan1));
        Assert.Equal(1, await Found(app.Client(), probe.Account1));
    }

    [Fact]
    public async Task Pages_and_csv_show_the_masked_value_and_the_edit_form_is_refused_without_it()
    {
        var probe = await ArrangeAsync();
        var http = app.Browser();
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", Farhan, DemoDirectory.Password, expectSuccess: true);
        async Task<string> Page(string path, string? typed = null)
        {
            var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            // A search box (and the export link beside it) shows back what was typed; anything else would be a leak.
            Hidden(probe, typed is null ? body : body.Replace(typed, ""), path);
            return body;
        }

        Assert.Contains(probe.MaskedPan, await Page($"/clients?q={probe.Pan1[..5]}"));
        Assert.Contains(probe.MaskedAccount, await Page($"/clients?q={probe.Pan1[..5]}&handler=Export"));
        foreach (var term in new[] { probe.Pan1, probe.Pan1[..7], probe.Account1 })
        {
            var found = await Page($"/clients?q={term}", typed: term);
            Assert.Contains("No clients match.", found);
            Assert.DoesNotContain($"/clients/{probe.First}\"", found);
        }
        Assert.Contains(probe.MaskedAccount, await Page($"/clients/{probe.First}"));
        await Page($"/service-requests/{probe.RequestId}");
        await Page($"/queries/{probe.QueryId}");
        await Page("/");
        var audit = await http.GetAsync($"/admin/audit?entity=clients");
        Assert.NotEqual(HttpStatusCode.OK, audit.StatusCode); // administrators only: others are turned away
        Hidden(probe, await audit.Content.ReadAsStringAsync(), "/admin/audit");

        // Someone who sees the identifiers masked may not edit the client at all (RecordRights): the form is refused
        // without carrying a value, and a forged post (with a token from a page they may open) writes nothing.
        var edit = await http.GetAsync($"/clients/edit/{probe.First}");
        Assert.NotEqual(HttpStatusCode.OK, edit.StatusCode);
        Hidden(probe, await edit.Content.ReadAsStringAsync(), "the refused edit form");
        var form = await (await http.GetAsync("/clients/edit")).Content.ReadAsStringAsync(); // the new-client form
        var token = OidcFlow.AntiforgeryToken(form);
        var posted = await http.PostAsync($"/clients/edit/{probe.First}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Renamed", ["Input.Pan"] = probe.MaskedPan, ["Input.AccountId"] = probe.MaskedAccount,
            ["Version"] = "1", ["__RequestVerificationToken"] = token,
        }));
        if (posted.StatusCode == HttpStatusCode.OK) Hidden(probe, await posted.Content.ReadAsStringAsync(), "the edit form posted back");
        await using var db = app.Db.Open();
        var stored = await db.Clients.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == probe.First);
        Assert.Equal((probe.Pan1, probe.Account1), (stored.Pan, stored.AccountId));
    }

    [Fact]
    public async Task The_audit_trail_holding_clear_values_is_refused_to_someone_who_sees_them_masked()
    {
        var probe = await ArrangeAsync();
        var history = $"{{ auditLog(where: {{ entity: {{ eq: \"clients\" }}, entityId: {{ eq: {probe.First} }} }}) {{ edges {{ node {{ changes }} }} }} }}";
        Assert.Contains(probe.Pan1, (await app.Client().DataAsync(history)).ToJsonString());
        var response = await app.ClientAs(Farhan).Http.PostAsJsonAsync("/graphql", new { query = history });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("AUTH_NOT_AUTHORIZED", text);
        Hidden(probe, text, "auditLog");
    }

    [Theory]
    [InlineData("users", "UserFilterInput", "{ \"isActive\": { \"eq\": false } }", "users.where.isActive")]
    [InlineData("users", "UserFilterInput", "{ \"or\": [{ \"isActive\": { \"eq\": true } }] }", "users.where.isActive")]
    [InlineData("clients", "ClientFilterInput", "{ \"assignedRm\": { \"isActive\": { \"eq\": false } } }", "clients.where.assignedRm.isActive")]
    [InlineData("serviceRequests", "ServiceRequestFilterInput", "{ \"assignedUser\": { \"isActive\": { \"eq\": true } } }", "serviceRequests.where.assignedUser.isActive")]
    [InlineData("users", "UserFilterInput", "{ \"not\": { \"isActive\": { \"nin\": [true] } } }", "users.where.isActive")]
    [InlineData("teams", "TeamFilterInput", "{ \"members\": { \"some\": { \"isActive\": { \"neq\": true } } } }", "teams.where.members.some.isActive")]
    [InlineData("clients", "ClientFilterInput", "{ \"interactions\": { \"all\": { \"user\": { \"isActive\": { \"in\": [true] } } } } }", "clients.where.interactions.all.user.isActive")]
    public async Task Filtering_by_an_admin_only_field_is_refused_to_others_naming_the_field(string list, string type, string where, string path)
    {
        var query = $"query($w: {type}) {{ {list}(where: $w) {{ totalCount }} }}";
        var variables = new { w = JsonNode.Parse(where) };
        Assert.NotNull((await app.Client().DataAsync(query, variables))[list]!["totalCount"]);
        foreach (var person in new[] { Farhan, "rohan.mehta@jlnb.in" })
        {
            var response = await app.ClientAs(person).Http.PostAsJsonAsync("/graphql", new { query, variables });
            var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray();
            var error = Assert.Single(errors)!;
            Assert.Equal("AUTH_NOT_AUTHORIZED", error["extensions"]!["code"]!.GetValue<string>());
            Assert.Contains(path, error["message"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Docs_list_every_declared_protected_field_and_nothing_else()
    {
        var text = File.ReadAllText(Path.Combine(JlnbCrm.Graph.Hosting.SchemaFile.RepositoryRoot()!, "docs", "access.md"));
        var table = text[text.IndexOf("<!-- field-rules -->", StringComparison.Ordinal)..text.IndexOf("<!-- /field-rules -->", StringComparison.Ordinal)];
        var documented = Regex.Matches(table, @"^\| `(\w+)\.(\w+)` \|", RegexOptions.Multiline).Select(m => $"{m.Groups[1]}.{m.Groups[2]}");
        var declared = JlnbCrm.Access.FieldRules.All.Select(r => $"{r.Entity.Name}.{r.Name}");
        Assert.Equal(declared.Order(), documented.Order());
    }

    private static string Decode(string cursor)
    {
        var text = cursor.Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=')));
    }

}

public sealed class PostgresProtectedFieldTests(PostgresGraphApp app) : ProtectedFieldTests<PostgresGraphApp>(app);
public sealed class SqliteProtectedFieldTests(SqliteGraphApp app) : ProtectedFieldTests<SqliteGraphApp>(app);

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JlnbCrm.Domain;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// A page's to-one relations (<c>assignedRm { name team { name } }</c>, a holding's product, an interaction's user) come
/// with its rows in one statement, and a site cookie's session and user are checked by one statement: a clients page
/// and a client profile cost a few statements whatever the page size, with the same rows hidden and the same fields
/// masked as when each relation had a loader of its own.
/// </summary>
public abstract partial class ProjectionTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Priya = "priya.nair@jlnb.in", Rohan = "rohan.mehta@jlnb.in", Meera = "meera.pillai@jlnb.in";

    private const string ClientsPage = """
        query($n: Int) { clients(first: $n, order: [{ name: ASC }]) { edges { node {
          databaseId name pan assignedRm { name team { name } } } } } }
        """;

    private const string Profile = """
        query($id: Long!) { clients(first: 1, where: { databaseId: { eq: $id } }) { edges { node {
          databaseId name pan accountId mobile assignedRm { name }
          products { items { subscribedOn product { name category } } }
          interactions(first: 10) { items { type details occurredAt user { name } } } } } } }
        """;

    /// <summary>The statements one request sends (after a warm-up request, which builds the schema and EF model).</summary>
    private async Task<(int Statements, JsonNode Data)> CountAsync(Func<string, object?, Task<JsonNode>> send, string query, object? variables)
    {
        await send("{ roles { name } }", null);
        app.Commands.Reset();
        var data = await send(query, variables);
        return (app.Commands.Count, data);
    }

    private Func<string, object?, Task<JsonNode>> Bearer(string email) => app.ClientAs(email).DataAsync;

    /// <summary>The site's cookie, as the pages and the benchmark's personas use it (sign-in form, then /graphql).</summary>
    private async Task<HttpClient> CookieAsync(string email) => (await SignInAsync(email)).Http;

    /// <summary>A browser signed in through the form, and the site cookie it was given (to replay elsewhere).</summary>
    private async Task<(HttpClient Http, string Cookie)> SignInAsync(string email)
    {
        var http = app.Browser();
        var response = await OidcFlow.SubmitSignInAsync(http, "/account/signin", email, DemoDirectory.Password, expectSuccess: true);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("jlnb.crm=", StringComparison.Ordinal));
        return (http, cookie[..cookie.IndexOf(';')]);
    }

    private static Func<string, object?, Task<JsonNode>> Cookie(HttpClient http) => async (query, variables) =>
    {
        var response = await http.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!;
        Assert.True(body["errors"] is null, text);
        return body["data"]!;
    };

    [Fact]
    public async Task A_clients_page_with_rm_and_team_names_costs_two_statements_at_most_at_10_and_at_50()
    {
        foreach (var (who, send) in new[] { ("bearer", Bearer(Rohan)), ("cookie", Cookie(await CookieAsync(Rohan))) })
        {
            var (ten, tenData) = await CountAsync(send, ClientsPage, new { n = 10 });
            var tenSql = app.Commands.Texts;
            var (fifty, fiftyData) = await CountAsync(send, ClientsPage, new { n = 50 });
            Assert.Equal(10, tenData["clients"]!["edges"]!.AsArray().Count);
            Assert.Equal(50, fiftyData["clients"]!["edges"]!.AsArray().Count);
            Assert.All(fiftyData["clients"]!["edges"]!.AsArray(), e => Assert.False(string.IsNullOrEmpty(e!["node"]!["assignedRm"]!.Str("name"))));
            Assert.True(ten == fifty, $"{who}: {ten} statements for 10 rows, {fifty} for 50:\n{tenSql}\n=====\n{app.Commands.Texts}");
            Assert.True(fifty <= 2, $"{who}: {fifty} statements:\n{app.Commands.Texts}");
        }
    }

    /// <remarks>
    /// Three statements: the client with its RM (the credential check travels in front of it, in the same batch),
    /// its holdings with their products and its interactions with their users. The two lists are to-many relations,
    /// each one top-N-per-parent statement shared by every parent on the page; folding them into the page would
    /// multiply their rows (holdings × interactions per client). SQLite cannot join a holding's product inside the
    /// top-N read (it has no APPLY/LATERAL), so there the products come from their loader: one statement more.
    /// </remarks>
    [Fact]
    public async Task A_client_profile_with_holdings_and_the_last_10_interactions_costs_one_statement_per_list_and_the_credential_check()
    {
        // Folded: the holdings and interactions come with the client (NestedFolds); SQLite sends the credential check apart.
        var bound = app.Db.Provider == Database.CrmProvider.Postgres ? 1 : 2;
        await using var db = app.Db.Open();
        var rohan = await db.Users.SingleAsync(u => u.Email == Rohan);
        var (id, logged) = (await db.Clients.Where(c => c.AssignedRm!.TeamId == rohan.TeamId)
            .Where(c => db.Set<Clients.ClientProduct>().Any(p => p.ClientId == c.Id))
            .Select(c => new { c.Id, Logged = db.Interactions.Count(i => i.ClientId == c.Id) })
            .OrderByDescending(c => c.Logged).ThenBy(c => c.Id).FirstAsync()) switch { var c => (c.Id, c.Logged) };
        Assert.True(logged > 1, "the demo firm logs interactions with the team's clients");
        foreach (var (who, send) in new[] { ("bearer", Bearer(Rohan)), ("cookie", Cookie(await CookieAsync(Rohan))) })
        {
            var (statements, data) = await CountAsync(send, Profile, new { id });
            var node = data["clients"]!["edges"]![0]!["node"]!;
            Assert.Equal(Math.Min(10, logged), node["interactions"]!["items"]!.AsArray().Count);
            Assert.All(node["interactions"]!["items"]!.AsArray(), i => Assert.NotNull(i!["user"]!.Str("name")));
            Assert.All(node["products"]!["items"]!.AsArray(), p => Assert.NotNull(p!["product"]!.Str("name")));
            Assert.True(statements <= bound, $"{who}: {statements} statements:\n{app.Commands.Texts}");
        }
    }

    [GeneratedRegex("^[A-Z]{5}\\*{4}[A-Z]$")]
    private static partial Regex MaskedPan();

    [Fact]
    public async Task Pans_stay_masked_exactly_as_before_when_the_rm_comes_with_the_page()
    {
        await using var db = app.Db.Open();
        foreach (var email in new[] { Rohan, Meera })
        {
            var me = await db.Users.SingleAsync(u => u.Email == email);
            var (statements, data) = await CountAsync(Bearer(email), """
                { clients(first: 100, order: [{ name: ASC }]) { edges { node { databaseId pan assignedRm { team { databaseId } } } } } }
                """, null);
            var rows = data["clients"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
            Assert.NotEmpty(rows);
            var ids = rows.Select(r => r.Long("databaseId")).ToList();
            var pans = await db.Clients.Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.Pan, db.Users.Single(u => u.Id == c.AssignedRmId).TeamId })
                .ToDictionaryAsync(c => c.Id, c => (c.Pan, c.TeamId));
            foreach (var row in rows)
            {
                var (pan, team) = pans[row.Long("databaseId")];
                // The head of the RM's team reads it in clear; everyone else (an operations head here) masked.
                if (team == me.TeamId) Assert.Equal(pan, row.Str("pan"));
                else Assert.Matches(MaskedPan(), row.Str("pan")!);
            }
            Assert.True(statements <= 1, $"{email}: {statements} statements (the RM's team came with the page):\n{app.Commands.Texts}");
        }
    }

    [Fact]
    public async Task A_related_row_the_reader_may_not_see_is_still_null_when_it_comes_with_the_page()
    {
        await using var db = app.Db.Open();
        var priya = await db.Users.SingleAsync(u => u.Email == Priya);
        var other = await db.Users.FirstAsync(u => u.Email == "amit.verma@jlnb.in");
        var client = await db.Clients.Where(c => c.AssignedRmId == priya.Id && c.SourceLeadId != null).OrderBy(c => c.Id).FirstAsync();
        // The reference the client came from is now another team's work: Priya keeps the client but not the reference.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE leads SET ref_obtained_by_id = {other.Id}, conversion_rm_id = {other.Id} WHERE id = {client.SourceLeadId}");
        const string query = """
            query($id: Long!) { clients(first: 1, where: { databaseId: { eq: $id } }) { edges { node {
              sourceLeadId sourceLead { databaseId product { name } } assignedRm { name } } } } }
            """;
        var (statements, mine) = await CountAsync(Bearer(Priya), query, new { id = client.Id });
        // The page (the credential check in front of it), which brought the (hidden) reference and the RM along.
        Assert.True(statements <= 1, $"{statements} statements:\n{app.Commands.Texts}");
        var seen = mine["clients"]!["edges"]![0]!["node"]!;
        Assert.Equal(client.SourceLeadId, seen.Long("sourceLeadId"));
        Assert.Null(seen["sourceLead"]);
        Assert.Equal(priya.Name, seen["assignedRm"]!.Str("name"));
        // The same through node(id), and for the administrator the reference is there.
        var node = await app.ClientAs(Priya).DataAsync("query($id: ID!) { node(id: $id) { ... on Client { sourceLead { databaseId } } } }",
            new { id = JlnbCrm.Graph.Nodes.NodeId.Encode("Client", client.Id) });
        Assert.Null(node["node"]!["sourceLead"]);
        var admin = (await app.Client().DataAsync(query, new { id = client.Id }))["clients"]!["edges"]![0]!["node"]!;
        Assert.Equal(client.SourceLeadId, admin["sourceLead"]!.Long("databaseId"));
    }

    [Fact]
    public async Task A_cookie_checked_in_one_statement_is_still_refused_on_the_next_request_after_sign_out_on_another_instance()
    {
        var (http, cookie) = await SignInAsync("arjun.rao@jlnb.in");
        Assert.NotNull((await Cookie(http)("{ me { name } }", null))["me"]);
        await using var other = app.AnotherInstance();
        var copy = other.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await copy.PostAsJsonAsync("/graphql", new { query = "{ me { name } }" })).StatusCode);
        // Signing out on this instance revokes the session row; the other instance refuses the copy on its next request.
        await http.GetAsync("/connect/endsession");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized,
            (await copy.PostAsJsonAsync("/graphql", new { query = "{ me { name } }" })).StatusCode);
    }

    [Fact]
    public async Task A_cookie_of_a_deactivated_user_is_refused_on_the_next_request()
    {
        var http = await CookieAsync("karthik.menon@jlnb.in");
        Assert.NotNull((await Cookie(http)("{ me { name } }", null))["me"]);
        var user = await app.Client().FirstAsync("users", "UserFilterInput", new { email = new { eq = "karthik.menon@jlnb.in" } });
        await app.Client().MutateAsync(Operations.Mutation("deactivateUser", "DeactivateUserInput", "user { databaseId }"),
            "deactivateUser", new { id = user.Long("databaseId"), version = user.Long("version") });
        var response = await http.PostAsJsonAsync("/graphql", new { query = "{ me { name } }" });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class PostgresProjectionTests(PostgresGraphApp app) : ProjectionTests<PostgresGraphApp>(app);
public sealed class SqliteProjectionTests(SqliteGraphApp app) : ProjectionTests<SqliteGraphApp>(app);

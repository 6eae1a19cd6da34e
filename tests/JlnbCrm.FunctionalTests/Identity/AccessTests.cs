using System.Net;
using System.Text.Json.Nodes;
using JlnbCrm.Access;
using JlnbCrm.FunctionalTests.Graph;
using Npgsql;

namespace JlnbCrm.FunctionalTests.Identity;

/// <summary>Every role against every entity: what the API shows, what it refuses, and (PostgreSQL) what RLS lets through.</summary>
public abstract class AccessTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Counts = "{ clients { totalCount } leads { totalCount } interactions { totalCount } clientQueries { totalCount } serviceRequests { totalCount } }";

    private async Task<AccessMatrix> MatrixAsync()
    {
        await using var db = app.Db.Open();
        return await AccessMatrix.LoadAsync(db);
    }

    public static TheoryData<string> Personas() => new(AccessMatrix.Personas);

    [Theory]
    [MemberData(nameof(Personas))]
    public async Task The_api_shows_each_role_exactly_the_rows_the_matrix_allows(string email)
    {
        var expected = (await MatrixAsync()).Visible(email);
        var data = await app.ClientAs(email).DataAsync(Counts);
        var actual = new Dictionary<string, int>
        {
            ["clients"] = data["clients"]!["totalCount"]!.GetValue<int>(),
            ["leads"] = data["leads"]!["totalCount"]!.GetValue<int>(),
            ["interactions"] = data["interactions"]!["totalCount"]!.GetValue<int>(),
            ["queries"] = data["clientQueries"]!["totalCount"]!.GetValue<int>(),
            ["service_requests"] = data["serviceRequests"]!["totalCount"]!.GetValue<int>(),
        };
        Assert.Equal(expected, actual);
        // Operations staff own no book: they see their desk's requests and, through them, those clients.
        var kinds = AccessMatrix.OperationsPersonas.Contains(email) ? ["clients", "service_requests"] : expected.Keys.ToArray();
        Assert.All(kinds, table => Assert.True(expected[table] > 0, $"{email} should see some {table} in the demo firm"));
    }

    [Fact]
    public async Task Row_level_security_alone_enforces_the_same_matrix_in_postgresql()
    {
        if (app.Db.Provider != Database.CrmProvider.Postgres) return; // SQLite has no row-level security; the query filters are tested above
        var matrix = await MatrixAsync();
        await using var connection = new NpgsqlConnection(app.Db.Store.ConnectionString);
        await connection.OpenAsync();
        foreach (var email in AccessMatrix.Personas.Append("nobody"))
        {
            var expected = email == "nobody" ? AccessMatrix.Tables.ToDictionary(t => t, _ => 0) : matrix.Visible(email);
            var userId = email == "nobody" ? "" : matrix.User(email).Id.ToString();
            // Raw SQL as the app's runtime role: no application filter is involved.
            await BecomeAsync(connection, userId);
            foreach (var table in AccessMatrix.Tables)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
                Assert.True(expected[table] == (int)(long)(await count.ExecuteScalarAsync())!, $"{email} under RLS sees a different number of {table}");
            }
            // The audit log: all of it for admins; for others, the rows they wrote and the history of records they see
            // (whose tables' counts were just checked against the matrix), nothing else.
            await using var audit = new NpgsqlCommand($"""
                SELECT count(*) FILTER (WHERE user_id IS DISTINCT FROM crm_actor_id() AND NOT (
                  {string.Join(" OR ", AccessMatrix.Tables.Select(t =>
                      $"entity = '{t}' AND entity_id IN (SELECT id FROM {t})"))})), count(*) FROM audit_log
                """, connection);
            await using (var reader = await audit.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                var (unseenRows, allRows) = (reader.GetInt64(0), reader.GetInt64(1));
                Assert.True(email == "admin@jlnb.in" ? allRows > 0 : unseenRows == 0,
                    $"{email} sees {unseenRows} audit rows of others about records they do not see");
            }
            await using var reset = new NpgsqlCommand("RESET ROLE", connection);
            await reset.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Rls_refuses_a_junior_deleting_or_writing_another_rms_client()
    {
        if (app.Db.Provider != Database.CrmProvider.Postgres) return;
        var matrix = await MatrixAsync();
        await using var connection = new NpgsqlConnection(app.Db.Store.ConnectionString);
        await connection.OpenAsync();
        var priya = matrix.User("priya.nair@jlnb.in").Id;
        await BecomeAsync(connection, priya.ToString());
        await using var delete = new NpgsqlCommand("DELETE FROM leads WHERE ref_obtained_by_id = $1", connection);
        delete.Parameters.Add(new NpgsqlParameter { Value = priya });
        Assert.Equal(0, await delete.ExecuteNonQueryAsync()); // juniors cannot delete, even their own
        await using var steal = new NpgsqlCommand("UPDATE clients SET assigned_rm_id = $1 WHERE assigned_rm_id <> $1", connection);
        steal.Parameters.Add(new NpgsqlParameter { Value = priya });
        Assert.Equal(0, await steal.ExecuteNonQueryAsync()); // rows she cannot see cannot be changed
    }

    [Fact]
    public async Task Pan_is_clear_for_own_and_team_clients_and_masked_for_clients_reached_through_work()
    {
        var priya = app.ClientAs("priya.nair@jlnb.in");
        var me = await priya.DataAsync("{ me { databaseId } }");
        var myId = me["me"]!["databaseId"]!.GetValue<long>();
        var clients = (await priya.DataAsync("{ clients(first: 100) { edges { node { pan assignedRmId } } } }"))["clients"]!["edges"]!.AsArray()
            .Select(e => e!["node"]!).ToList();
        Assert.Contains(clients, c => c["assignedRmId"]!.GetValue<long>() == myId);
        Assert.All(clients.Where(c => c["assignedRmId"]!.GetValue<long>() == myId), c => Assert.Matches("^[A-Z]{5}[0-9]{4}[A-Z]$", c["pan"]!.GetValue<string>()));
        var others = clients.Where(c => c["assignedRmId"]!.GetValue<long>() != myId).ToList();
        Assert.NotEmpty(others); // the clients of unassigned service requests in her team
        Assert.All(others, c => Assert.Matches(@"^[A-Z]{5}\*{4}[A-Z]$", c["pan"]!.GetValue<string>()));

        var head = app.ClientAs("rohan.mehta@jlnb.in");
        var teamPans = (await head.DataAsync("{ clients(first: 50, where: { assignedRm: { team: { name: { eq: \"Mumbai Wealth\" } } } }) { edges { node { pan } } } }"))
            ["clients"]!["edges"]!.AsArray().Select(e => e!["node"]!["pan"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(teamPans);
        Assert.All(teamPans, pan => Assert.DoesNotContain("*", pan));
    }

    [Fact]
    public async Task Admin_only_fields_refuse_others_with_auth_not_authorized()
    {
        foreach (var email in new[] { "rohan.mehta@jlnb.in", "priya.nair@jlnb.in" })
        {
            var client = app.ClientAs(email);
            Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(await client.SendAsync("{ auditLog { totalCount } }")));
            Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(await client.SendAsync("{ users { edges { node { isActive } } } }")));
            var create = await client.SendAsync("mutation { createTeam(input: { name: \"Rogue\" }) { team { name } errors { code } } }");
            Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(create));
            // Left out by @include, the field is not refused.
            Assert.Empty(GraphClient.ErrorCodes(await client.SendAsync("query($x: Boolean = false) { users { edges { node { name isActive @include(if: $x) } } } }")));
        }
        Assert.Empty(GraphClient.ErrorCodes(await app.Client().SendAsync("{ auditLog(first: 1) { totalCount } users { edges { node { isActive } } } }")));
    }

    [Fact]
    public async Task Heads_assign_within_their_team_and_juniors_cannot_reassign_clients()
    {
        var head = app.ClientAs("rohan.mehta@jlnb.in");
        var client = await head.FirstAsync("clients", "ClientFilterInput", new { assignedRm = new { email = new { eq = "priya.nair@jlnb.in" } } });
        var outsider = await app.Client().UserIdAsync("amit.verma@jlnb.in");
        var teammate = await app.Client().UserIdAsync("vikram.singh@jlnb.in");
        const string assign = "mutation($input: AssignClientRmInput!) { assignClientRm(input: $input) { client { assignedRmId } errors { code field } } }";
        var refused = await head.RefusedAsync(assign, "assignClientRm", new { id = client.Long("databaseId"), version = client.Long("version"), rmId = outsider });
        Assert.Equal(("AUTH_NOT_AUTHORIZED", "rmId"), refused.Single());

        var junior = app.ClientAs("priya.nair@jlnb.in");
        refused = await junior.RefusedAsync(assign, "assignClientRm", new { id = client.Long("databaseId"), version = client.Long("version"), rmId = teammate });
        Assert.Equal("AUTH_NOT_AUTHORIZED", refused.Single().Code);

        var moved = await head.MutateAsync(assign, "assignClientRm", new { id = client.Long("databaseId"), version = client.Long("version"), rmId = teammate });
        Assert.Equal(teammate, moved["client"]!.Long("assignedRmId"));
    }

    [Fact]
    public async Task A_row_outside_your_scope_is_not_found_rather_than_editable()
    {
        var delhiClient = await app.Client().FirstAsync("clients", "ClientFilterInput", new { assignedRm = new { email = new { eq = "amit.verma@jlnb.in" } } });
        var priya = app.ClientAs("priya.nair@jlnb.in");
        const string update = "mutation($input: UpdateClientInput!) { updateClient(input: $input) { client { name } errors { code field } } }";
        var refused = await priya.RefusedAsync(update, "updateClient", new { id = delhiClient.Long("databaseId"), version = delhiClient.Long("version"), name = "Hijacked" });
        Assert.Equal("NOT_FOUND", refused.Single().Code);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_are_401()
    {
        var anonymous = app.Browser();
        var response = await anonymous.PostAsync("/graphql", JsonContent("{ clients { totalCount } }"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());

        var token = await app.TokenAsync("divya.reddy@jlnb.in");
        var forged = token[..^6] + (token[^6] == 'A' ? "BBBBBB" : "AAAAAA");
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/graphql", JsonContent("{ clients { totalCount } }"))).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not.a.token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/graphql", JsonContent("{ clients { totalCount } }"))).StatusCode);
    }

    [Fact]
    public async Task Deactivating_a_user_stops_their_existing_token_and_their_refresh()
    {
        var http = app.Browser();
        var tokens = await OidcFlow.SignInAsync(http, "karthik.menon@jlnb.in", Seeding.DemoDirectory.Password);
        var karthik = new GraphClient(Bearer(tokens.AccessToken));
        Assert.True((await karthik.DataAsync("{ clients { totalCount } }"))["clients"]!["totalCount"]!.GetValue<int>() > 0);
        var refreshed = await OidcFlow.RefreshAsync(http, tokens.RefreshToken!);
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);

        var user = await app.Client().FirstAsync("users", "UserFilterInput", new { email = new { eq = "karthik.menon@jlnb.in" } });
        await app.Client().MutateAsync("mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { databaseId } errors { code message field } } }",
            "deactivateUser", new { id = user.Long("databaseId"), version = user.Long("version") });

        var response = await Bearer(refreshed.AccessToken).PostAsync("/graphql", JsonContent("{ clients { totalCount } }"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("no longer valid", await response.Content.ReadAsStringAsync());
        var (status, body) = await OidcFlow.RequestTokenAsync(http, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshed.RefreshToken!, ["client_id"] = OidcFlow.WebClient });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_after_five_tries()
    {
        var http = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var page = await OidcFlow.SubmitSignInAsync(http, "/account/signin", "neha.gupta@jlnb.in", "wrong-password-1", expectSuccess: false);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        var locked = await OidcFlow.SubmitSignInAsync(http, "/account/signin", "neha.gupta@jlnb.in", Seeding.DemoDirectory.Password, expectSuccess: false);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_integration_gets_a_token_by_client_credentials_and_acts_as_its_linked_user()
    {
        var http = app.Browser();
        var (status, body) = await OidcFlow.RequestTokenAsync(http, new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "jlnb-reporting", ["client_secret"] = OidcFlow.ReportingSecret, ["scope"] = "crm_api",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var reporting = new GraphClient(Bearer(body["access_token"]!.GetValue<string>()));
        Assert.Equal("admin@jlnb.in", (await reporting.DataAsync("{ me { email } }"))["me"]!["email"]!.GetValue<string>());

        var (wrong, _) = await OidcFlow.RequestTokenAsync(http, new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "jlnb-reporting", ["client_secret"] = "guess", ["scope"] = "crm_api",
        });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
    }

    /// <summary>Works as the app's row-secured role, as the given user ("" for nobody), with plain SQL.</summary>
    private static async Task BecomeAsync(NpgsqlConnection connection, string userId)
    {
        await using var become = new NpgsqlCommand(RowSecuritySession.BecomeSql, connection);
        become.Parameters.Add(new NpgsqlParameter { Value = RowLevelSecurity.AppRole });
        become.Parameters.Add(new NpgsqlParameter { Value = userId });
        await become.ExecuteNonQueryAsync();
    }

    private HttpClient Bearer(string token)
    {
        var http = app.Browser();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    private static StringContent JsonContent(string query) =>
        new(new JsonObject { ["query"] = query }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}

public sealed class PostgresAccessTests(PostgresGraphApp app) : AccessTests<PostgresGraphApp>(app);
public sealed class SqliteAccessTests(SqliteGraphApp app) : AccessTests<SqliteGraphApp>(app);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.Seeding;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// A JSON array of operations runs as the caller: each answer in a batch is the answer the same operation
/// gets on its own, whoever signs in and however (bearer token or the site's cookie).
/// </summary>
public abstract class BatchCallerTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Admin = "admin@jlnb.in";
    private const string Junior = "priya.nair@jlnb.in";

    /// <summary>Who is asking, an admin-only field, and a row-scoped count.</summary>
    private static readonly string[] Operations =
    [
        "{ me { email roleId } }",
        "{ users(first: 1, order: [{ email: ASC }]) { edges { node { email isActive } } } }",
        "{ clients { totalCount } }",
    ];

    private async Task<HttpClient> WithTokenAsync(string email)
    {
        var http = app.Browser();
        http.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync(email));
        return http;
    }

    private async Task<HttpClient> WithCookieAsync(string email)
    {
        var http = app.Browser();
        await OidcFlow.SubmitSignInAsync(http, "/account/signin", email, DemoDirectory.Password, expectSuccess: true);
        return http;
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/graphql", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Sends the operations one by one and then as one batch; asserts the answers are identical.</summary>
    private static async Task<JsonArray> BatchMatchingSinglesAsync(HttpClient http)
    {
        var singles = new List<JsonNode>();
        foreach (var query in Operations) singles.Add(await PostAsync(http, new { query }));
        var batch = (await PostAsync(http, Operations.Select(query => new { query }).ToArray())).AsArray();
        Assert.Equal(Operations.Length, batch.Count);
        for (var i = 0; i < Operations.Length; i++)
            Assert.Equal(singles[i].ToJsonString(), batch[i]!.ToJsonString());
        return batch;
    }

    private static int ClientCount(JsonArray batch) => batch[2]!["data"]!["clients"]!["totalCount"]!.GetValue<int>();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_admins_batch_runs_as_the_admin(bool cookie)
    {
        var http = cookie ? await WithCookieAsync(Admin) : await WithTokenAsync(Admin);
        var batch = await BatchMatchingSinglesAsync(http);

        Assert.Equal("admin@jlnb.in", batch[0]!["data"]!["me"]!["email"]!.GetValue<string>());
        Assert.Null(batch[1]!["errors"]);
        Assert.NotNull(batch[1]!["data"]!["users"]!["edges"]![0]!["node"]!["isActive"]);
        await using var db = app.Db.Open();
        Assert.Equal(db.Clients.Count(), ClientCount(batch));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_juniors_batch_runs_as_the_junior_and_sees_only_their_rows(bool cookie)
    {
        var http = cookie ? await WithCookieAsync(Junior) : await WithTokenAsync(Junior);
        var batch = await BatchMatchingSinglesAsync(http);

        Assert.Equal(Junior, batch[0]!["data"]!["me"]!["email"]!.GetValue<string>());
        Assert.Equal(["AUTH_NOT_AUTHORIZED"], GraphClient.ErrorCodes(batch[1]!));
        await using var db = app.Db.Open();
        var count = ClientCount(batch);
        Assert.InRange(count, 1, db.Clients.Count() - 1);
        var own = db.Clients.Count(c => c.AssignedRmId == db.Users.Single(u => u.Email == Junior).Id);
        Assert.True(count >= own, $"the junior sees {count} clients but holds {own}");
    }
}

public sealed class PostgresBatchCallerTests(PostgresGraphApp app) : BatchCallerTests<PostgresGraphApp>(app);
public sealed class SqliteBatchCallerTests(SqliteGraphApp app) : BatchCallerTests<SqliteGraphApp>(app);

using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// setDefaultDesk over GraphQL: the default moves from one desk to another (one default at a time), and a refused
/// choice (an RM team) leaves the old default in place.
/// </summary>
public abstract class DefaultDeskTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string KycDesk = "Operations — KYC & Onboarding";
    private const string TransactionsDesk = "Operations — Transactions";
    private static readonly string SetDefault = Mutation("setDefaultDesk", "SetDefaultDeskInput", "team { name isDefaultDesk }");

    [Fact]
    public async Task The_default_desk_moves_to_another_desk_and_back_and_an_RM_team_is_refused()
    {
        var admin = app.Client();
        Assert.Equal([KycDesk], await DefaultDesksAsync(admin));

        var moved = await admin.MutateAsync(SetDefault, "setDefaultDesk", new { teamId = await TeamIdAsync(admin, TransactionsDesk) });
        Assert.True(moved["team"]!["isDefaultDesk"]!.GetValue<bool>());
        Assert.Equal([TransactionsDesk], await DefaultDesksAsync(admin));

        var refused = await admin.RefusedAsync(SetDefault, "setDefaultDesk", new { teamId = await TeamIdAsync(admin, "Mumbai Wealth") });
        Assert.Equal(("INVALID", "teamId"), (refused[0]!.Str("code"), refused[0]!.Str("field")));
        Assert.Equal([TransactionsDesk], await DefaultDesksAsync(admin));

        await admin.MutateAsync(SetDefault, "setDefaultDesk", new { teamId = await TeamIdAsync(admin, KycDesk) });
        Assert.Equal([KycDesk], await DefaultDesksAsync(admin));
    }

    private static async Task<long> TeamIdAsync(GraphClient client, string name) =>
        (await client.FirstAsync("teams", "TeamFilterInput", new { name = new { eq = name } })).Long("databaseId");

    private static async Task<string[]> DefaultDesksAsync(GraphClient client) =>
        (await client.DataAsync("{ teams(first: 100, where: { isDefaultDesk: { eq: true } }) { edges { node { name } } } }"))
        ["teams"]!["edges"]!.AsArray().Select(e => e!["node"]!.Str("name")!).ToArray();
}

public sealed class PostgresDefaultDeskTests(PostgresGraphApp app) : DefaultDeskTests<PostgresGraphApp>(app);
public sealed class SqliteDefaultDeskTests(SqliteGraphApp app) : DefaultDeskTests<SqliteGraphApp>(app);

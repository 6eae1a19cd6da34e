using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// A page's small nested connections (each client's holdings, first interactions) are read with the page: the same
/// rows, cursors and hidden rows as their loaders give (a <c>where</c> keeps a connection on its loader).
/// </summary>
public abstract partial class ProjectionTests<TApp>
{
    private static string PageWithWork(string nestedWhere) => $$"""
        query($n: Int) { clients(first: $n, order: [{ name: ASC }]) { edges { node {
          databaseId name pan assignedRm { name team { name } }
          products{{nestedWhere}} { items { databaseId subscribedOn product { name category } } pageInfo { hasNextPage endCursor } }
          interactions(first: 5{{(nestedWhere.Length > 0 ? ", where: {}" : "")}}) {
            items { databaseId type occurredAt user { name } } pageInfo { hasNextPage endCursor } } } } } }
        """;

    [Fact]
    public async Task A_clients_page_with_rm_team_holdings_and_5_interactions_costs_the_same_few_statements_at_10_and_50()
    {
        var bound = app.Db.Provider == Database.CrmProvider.Postgres ? 1 : 2;
        foreach (var n in new[] { 10, 50 })
        {
            var (statements, folded) = await CountAsync(Bearer(Rohan), PageWithWork(""), new { n });
            var sql = app.Commands.Texts;
            var (_, loaded) = await CountAsync(Bearer(Rohan), PageWithWork("(where: {})"), new { n });
            Assert.Equal(n, folded["clients"]!["edges"]!.AsArray().Count);
            Assert.Contains(folded["clients"]!["edges"]!.AsArray(), e => e!["node"]!["interactions"]!["items"]!.AsArray().Count > 0);
            Assert.Equal(loaded.ToJsonString(), folded.ToJsonString());
            Assert.True(statements <= bound, $"{n} rows: {statements} statements:\n{sql}");
        }
    }

    [Fact]
    public async Task A_holding_or_interaction_the_reader_may_not_see_does_not_come_with_the_page()
    {
        await using var db = app.Db.Open();
        var priya = await db.Users.SingleAsync(u => u.Email == Priya);
        // Another team's client with holdings and interactions logged by others: Priya reaches it only through a query.
        var client = await db.Clients.Where(c => c.AssignedRm!.TeamId != priya.TeamId)
            .Where(c => db.Set<Clients.ClientProduct>().Any(p => p.ClientId == c.Id))
            .Where(c => db.Interactions.Any(i => i.ClientId == c.Id && i.UserId != priya.Id))
            .OrderBy(c => c.Id).FirstAsync();
        await app.Client().MutateAsync(Operations.Mutation("openClientQuery", "OpenClientQueryInput", "clientQuery { databaseId }"),
            "openClientQuery", new { clientId = client.Id, details = "Statement missing", assignedRmId = priya.Id });
        const string query = """
            query($id: Long!) { clients(first: 1, where: { databaseId: { eq: $id } }) { edges { node {
              databaseId products { items { databaseId } } interactions(first: 10) { items { databaseId user { databaseId } } } } } } }
            """;
        var admin = (await app.Client().DataAsync(query, new { id = client.Id }))["clients"]!["edges"]![0]!["node"]!;
        Assert.NotEmpty(admin["products"]!["items"]!.AsArray());
        Assert.NotEmpty(admin["interactions"]!["items"]!.AsArray());
        var (statements, mine) = await CountAsync(Bearer(Priya), query, new { id = client.Id });
        var seen = mine["clients"]!["edges"]![0]!["node"]!;
        Assert.Equal(client.Id, seen.Long("databaseId"));
        Assert.Empty(seen["products"]!["items"]!.AsArray());
        Assert.All(seen["interactions"]!["items"]!.AsArray(), i => Assert.Equal(priya.Id, i!["user"]!.Long("databaseId")));
        Assert.True(statements <= (app.Db.Provider == Database.CrmProvider.Postgres ? 1 : 2), $"{statements}:\n{app.Commands.Texts}");
    }
}

using System.Text.Json.Nodes;
using JlnbCrm.Graph.Nodes;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>Nested fields are fetched per level in batches, so a page costs the same number of SQL commands at any size.</summary>
public abstract class BatchingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string ClientScreen = """
        query($n: Int) { clients(first: $n, order: [{ name: ASC }]) { totalCount edges { node {
          name pan assignedRm { name team { name } } products { items { subscribedOn product { name category } } }
          interactions(first: 5) { items { occurredAt type details user { name } } }
        } } } }
        """;

    private async Task<(int Commands, JsonNode Data)> CountAsync(string query, object variables)
    {
        var client = app.Client();
        await client.DataAsync("{ roles { name } }"); // warm up: the first request builds the schema and EF model
        app.Commands.Reset();
        var data = await client.DataAsync(query, variables);
        return (app.Commands.Count, data);
    }

    [Fact]
    public async Task A_page_of_50_clients_with_rm_products_and_last_5_interactions_costs_as_many_commands_as_a_page_of_10()
    {
        var (small, smallData) = await CountAsync(ClientScreen, new { n = 10 });
        var (large, largeData) = await CountAsync(ClientScreen, new { n = 50 });
        Assert.Equal(10, smallData["clients"]!["edges"]!.AsArray().Count);
        Assert.Equal(50, largeData["clients"]!["edges"]!.AsArray().Count);
        Assert.Equal(small, large);
        // page + count + RMs + teams + holdings + products + interactions + their users
        Assert.True(large <= 8, $"{large} SQL commands for one page");
    }

    [Fact]
    public async Task Nested_interactions_are_the_latest_per_client_not_the_latest_overall()
    {
        var (_, data) = await CountAsync(ClientScreen, new { n = 20 });
        await using var db = app.Db.Open();
        foreach (var edge in data["clients"]!["edges"]!.AsArray())
        {
            var pan = edge!["node"]!["pan"]!.GetValue<string>();
            var expected = await db.Interactions.Where(i => i.Client!.Pan == pan)
                .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(5).Select(i => i.Details).ToListAsync();
            var actual = edge["node"]!["interactions"]!["items"]!.AsArray().Select(i => i!["details"]!.GetValue<string>()).ToList();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Leads_with_their_people_and_product_are_batched_too()
    {
        const string leads = """
            query($n: Int) { leads(first: $n) { edges { node { prospectName refObtainedBy { name } conversionRm { name } product { name }
              convertedClient { name assignedRm { name } } } } } }
            """;
        var (small, _) = await CountAsync(leads, new { n = 10 });
        var (large, _) = await CountAsync(leads, new { n = 100 });
        // People already loaded at one level are reused at the next, so a bigger page can even need fewer commands.
        Assert.True(large <= small, $"{small} commands for 10 leads, {large} for 100");
    }

    [Fact]
    public async Task Node_and_nodes_resolve_global_ids_of_every_type_in_order()
    {
        await using var db = app.Db.Open();
        var client = await db.Clients.OrderBy(c => c.Id).FirstAsync();
        var lead = await db.Leads.OrderBy(l => l.Id).FirstAsync();
        var request = await db.ServiceRequests.OrderBy(s => s.Id).FirstAsync();
        var ids = new[] { NodeId.Encode("ServiceRequest", request.Id), NodeId.Encode("Client", client.Id), NodeId.Encode("Lead", -1), "not-an-id",
            NodeId.Encode("Lead", lead.Id) };
        var data = await app.Client().DataAsync("""
            query($id: ID!, $ids: [ID!]!) {
              node(id: $id) { __typename id ... on Client { databaseId pan } }
              nodes(ids: $ids) { __typename id ... on Lead { prospectName } ... on ServiceRequest { databaseId } }
            }
            """, new { id = NodeId.Encode("Client", client.Id), ids });
        Assert.Equal("Client", data["node"]!["__typename"]!.GetValue<string>());
        Assert.Equal(client.Pan, data["node"]!["pan"]!.GetValue<string>());
        var nodes = data["nodes"]!.AsArray();
        Assert.Equal(5, nodes.Count);
        Assert.Equal(request.Id, nodes[0]!["databaseId"]!.GetValue<long>());
        Assert.Equal(ids[1], nodes[1]!["id"]!.GetValue<string>());
        Assert.Null(nodes[2]);
        Assert.Null(nodes[3]);
        Assert.Equal(lead.ProspectName, nodes[4]!["prospectName"]!.GetValue<string>());
    }
}

public sealed class PostgresBatchingTests(PostgresGraphApp app) : BatchingTests<PostgresGraphApp>(app);
public sealed class SqliteBatchingTests(SqliteGraphApp app) : BatchingTests<SqliteGraphApp>(app);

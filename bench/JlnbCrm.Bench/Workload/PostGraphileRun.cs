using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace JlnbCrm.Bench.Workload;

/// <summary>
/// The same reads against PostGraphile (started by bench/postgraphile.sh on the same database), a measuring
/// stick only. It connects as the database owner, so it pays no row-level-security cost: a flattering floor.
/// </summary>
public sealed class PostGraphileRun(string url, int concurrency, TimeSpan duration)
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(url) };

    public async Task<List<Measurement>> RunAsync(Persona persona)
    {
        var runner = new LoadRunner(concurrency, duration);
        var operations = new (string Name, Func<int, (string Query, object Variables)> Request)[]
        {
            (Operations.ClientsByRm.Name, i => ("query($rm: BigInt!) { allClients(first: 50, condition: { assignedRmId: $rm }, orderBy: [NAME_ASC, ID_ASC]) { nodes { id name pan mobile userByAssignedRmId { name } } pageInfo { endCursor hasNextPage } } }",
                new { rm = persona.Rms[i % persona.Rms.Length].ToString() })),
            (Operations.SearchByPan.Name, i => ("query($p: String!) { allClients(first: 20, filter: { pan: { startsWith: $p } }, orderBy: [NAME_ASC, ID_ASC]) { nodes { id name pan userByAssignedRmId { name } } } }",
                new { p = persona.PanPrefixes[i % persona.PanPrefixes.Length] })),
            (Operations.ClientProfile.Name, i => ("query($id: BigInt!) { clientById(id: $id) { id name pan accountId mobile email address userByAssignedRmId { name } clientProductsByClientId { nodes { subscribedOn productByProductId { name category } } } interactionsByClientId(first: 10, orderBy: [OCCURRED_AT_DESC, ID_DESC]) { nodes { type details occurredAt userByUserId { name } } } } }",
                new { id = persona.ClientIds[i % persona.ClientIds.Length].ToString() })),
        };
        var results = new List<Measurement>();
        foreach (var (name, request) in operations)
        {
            var operation = new Operation(name, async (_, i) =>
            {
                var (query, variables) = request(i);
                using var response = await _http.PostAsJsonAsync("", new { query, variables });
                var body = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
                if (body["errors"] is not null) throw new InvalidOperationException("PostGraphile: " + body["errors"]!.ToJsonString());
            }, null);
            var measured = await runner.GraphAsync(operation, persona);
            results.Add(measured with { Path = "PostGraphile" });
        }
        return results;
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace JlnbCrm.Bench.Workload;

/// <summary>
/// Requests to one of PostGraphile's endpoints (bench/postgraphile/server.js): "PostGraphile" (the owner's
/// connection, no row-level security) or "PostGraphile-RLS" (each request as jlnb_app with app.user_id of the
/// persona, which this client names in the X-Jlnb-User-Id header, as a signed-in session names the user to the CRM).
/// </summary>
public sealed class PostGraphileClient(string engine, Uri url) : IDisposable
{
    public const string Owner = "PostGraphile", RowSecured = "PostGraphile-RLS";

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = url };

    public string Engine => engine;

    /// <summary>Any GraphQL error stops the operation (a fast wrong answer measures nothing).</summary>
    public async Task<JsonNode> QueryAsync(Persona persona, PgRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "")
        {
            Content = JsonContent.Create(new { query = request.Query, variables = request.Variables }),
        };
        message.Headers.Add("X-Jlnb-User-Id", persona.Person.Id.ToString());
        using var response = await _http.SendAsync(message);
        var body = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
        if (!response.IsSuccessStatusCode || body["errors"] is not null)
            throw new InvalidOperationException($"{engine} ({(int)response.StatusCode}): {body.ToJsonString()[..Math.Min(400, body.ToJsonString().Length)]}");
        return body["data"]!;
    }

    public void Dispose() => _http.Dispose();
}

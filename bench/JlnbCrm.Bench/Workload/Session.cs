using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JlnbCrm.Bench.Workload;

/// <summary>A signed-in member of staff talking to /graphql as the web pages do: sign-in form, then the site's cookie.</summary>
public sealed partial class Session(HttpClient http, long userId, long? teamId)
{
    public long UserId => userId;
    public long? TeamId => teamId;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static async Task<Session> SignInAsync(Uri server, string email, string password, long userId, long? teamId)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 64 };
        var http = new HttpClient(handler) { BaseAddress = server };
        var form = await http.GetStringAsync("/account/signin");
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value);
        var response = await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {email} failed ({(int)response.StatusCode}).");
        return new Session(http, userId, teamId);
    }

    /// <summary>Runs an operation; any GraphQL error stops the benchmark (a fast wrong answer measures nothing).</summary>
    public async Task<JsonNode> GraphAsync(string query, object? variables = null)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query, variables });
        var body = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
        if (!response.IsSuccessStatusCode || body["errors"] is not null)
            throw new InvalidOperationException($"GraphQL failed ({(int)response.StatusCode}): {body.ToJsonString()[..Math.Min(400, body.ToJsonString().Length)]}");
        return body["data"]!;
    }
}

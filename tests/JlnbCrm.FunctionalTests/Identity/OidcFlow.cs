using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace JlnbCrm.FunctionalTests.Identity;

/// <summary>
/// A real OpenID Connect authorization-code + PKCE sign-in, as a front end performs it: authorize → the
/// sign-in page (form with anti-forgery token) → back to authorize → code → token endpoint.
/// </summary>
public static partial class OidcFlow
{
    public const string WebClient = "jlnb-web";
    public const string RedirectUri = "http://localhost:5080/signin-callback";
    /// <summary>The reporting integration's secret in the test hosts (outside Development there is no default).</summary>
    public const string ReportingSecret = "reporting-secret-for-tests";

    public sealed record Tokens(string AccessToken, string? RefreshToken);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The anti-forgery token of the first form in a page (decoded), to post a form as a browser does.</summary>
    public static string AntiforgeryToken(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);

    /// <param name="http">A client that keeps cookies and does not follow redirects.</param>
    /// <param name="clientId">The public client signing in (the web front end unless told).</param>
    /// <param name="redirectUri">One of that client's registered redirect URIs.</param>
    public static async Task<Tokens> SignInAsync(HttpClient http, string email, string password,
        string clientId = WebClient, string redirectUri = RedirectUri)
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["response_type"] = "code", ["redirect_uri"] = redirectUri,
            ["scope"] = "openid email profile offline_access crm_api", ["state"] = "s1",
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });

        var toSignIn = await http.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        var signInPage = toSignIn.Headers.Location!.ToString();
        Assert.Contains("/account/signin", signInPage);

        await SubmitSignInAsync(http, signInPage, email, password, expectSuccess: true);

        var withCode = await http.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        var callback = withCode.Headers.Location!;
        Assert.StartsWith(redirectUri, callback.ToString());
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("s1", query["state"].ToString());

        return await TokenAsync(http, new()
        {
            ["grant_type"] = "authorization_code", ["code"] = query["code"].ToString(), ["redirect_uri"] = redirectUri,
            ["client_id"] = clientId, ["code_verifier"] = verifier,
        });
    }

    /// <summary>Fills and posts the sign-in form; returns the response (a redirect on success, the page with errors otherwise).</summary>
    public static async Task<HttpResponseMessage> SubmitSignInAsync(HttpClient http, string signInPage, string email, string password, bool expectSuccess)
    {
        var form = await http.GetStringAsync(signInPage);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        var returnUrl = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), signInPage).Query).TryGetValue("ReturnUrl", out var r) ? r.ToString() : "/";
        var response = await http.PostAsync(signInPage, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        if (expectSuccess) Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email} failed: {(int)response.StatusCode}");
        return response;
    }

    public static async Task<Tokens> RefreshAsync(HttpClient http, string refreshToken) =>
        await TokenAsync(http, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = WebClient });

    public static async Task<(HttpStatusCode Status, JsonNode Body)> RequestTokenAsync(HttpClient http, Dictionary<string, string> form)
    {
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<Tokens> TokenAsync(HttpClient http, Dictionary<string, string> form)
    {
        var (status, body) = await RequestTokenAsync(http, form);
        Assert.True(status == HttpStatusCode.OK, $"token endpoint: {(int)status} {body.ToJsonString()}");
        return new(body["access_token"]!.GetValue<string>(), body["refresh_token"]?.GetValue<string>());
    }
}

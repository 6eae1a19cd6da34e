using System.Text;
using System.Threading.RateLimiting;
using JlnbCrm.Domain;
using Microsoft.AspNetCore.RateLimiting;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter in two stages (<see cref="RateLimitSettings"/>): sign-in
/// and the token endpoint per client address and per account, pages per user; GraphQL per user by cost
/// (<see cref="GraphQLCostBudget"/>, whose first unit per request is charged here). A refused request gets
/// 429 with <c>Retry-After</c> (seconds); GraphQL answers in its own error shape with the code
/// <c>RATE_LIMITED</c>, the token endpoint in OAuth's. Probes, metrics, static files and the rest of the OpenID
/// endpoints are not limited (probes and metrics through <c>DisableRateLimiting</c> on their endpoints). Behind a
/// proxy the address is the forwarded client's (BrowserHardening runs first).
/// </summary>
public static class RateLimitExtensions
{
    public const string RateLimitedCode = "RATE_LIMITED";

    private enum Kind { None, SignIn, Token, GraphQL, Page }

    /// <summary>The rate limiter's services (its metrics) and GraphQL's cost budget; the limits are the two stages below.</summary>
    public static void AddCrmRateLimits(this IHostApplicationBuilder builder)
    {
        if (RateLimitSettings.From(builder.Configuration).Enabled) builder.Services.AddRateLimiter(_ => { });
        // Read when first used, from the final configuration (a test host's settings arrive after this runs).
        builder.Services.AddSingleton(services => new GraphQLCostBudget(
            RateLimitSettings.From(services.GetRequiredService<IConfiguration>())));
    }

    /// <summary>
    /// Before authentication, because OpenIddict answers token requests inside it: sign-in posts and token requests
    /// per client address and per account. Their forms are read first, so the limiter sees the account (the page
    /// and OpenIddict read the same, buffered form afterwards).
    /// </summary>
    public static void UseCrmSignInRateLimits(this WebApplication app)
    {
        var settings = RateLimitSettings.From(app.Configuration);
        if (!settings.Enabled) return;
        app.Use(async (http, next) =>
        {
            if (KindOf(http) is Kind.SignIn or Kind.Token && http.Request.HasFormContentType)
                await http.Request.ReadFormAsync(http.RequestAborted);
            await next(http);
        });
        app.UseRateLimiter(Stage(PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(http => KindOf(http) is Kind.SignIn or Kind.Token
                ? Fixed("ip:" + Address(http), settings.SignInPerIp)
                : RateLimitPartition.GetNoLimiter("")),
            PartitionedRateLimiter.Create<HttpContext, string>(http => KindOf(http) is Kind.SignIn or Kind.Token
                && Account(http) is { } account
                ? Fixed("account:" + account, settings.SignInPerAccount)
                : RateLimitPartition.GetNoLimiter("")))));
    }

    /// <summary>
    /// After authentication (the user is known), per user or per address when anonymous: pages per request; GraphQL
    /// requests pay their first unit of cost here (the endpoint charges the rest once validation knows it).
    /// </summary>
    public static void UseCrmUserRateLimits(this WebApplication app)
    {
        var settings = RateLimitSettings.From(app.Configuration);
        if (!settings.Enabled) return;
        var budget = app.Services.GetRequiredService<GraphQLCostBudget>();
        app.Use(async (http, next) =>
        {
            if (KindOf(http) == Kind.GraphQL)
            {
                using var lease = budget.Charge(Caller(http), 1);
                if (!lease.IsAcquired) { await RefuseAsync(http, lease); return; }
            }
            await next(http);
        });
        app.UseRateLimiter(Stage(PartitionedRateLimiter.Create<HttpContext, string>(http => KindOf(http) == Kind.Page
            ? Fixed("page:" + Caller(http), settings.PagesPerUser)
            : RateLimitPartition.GetNoLimiter(""))));
    }

    private static RateLimiterOptions Stage(PartitionedRateLimiter<HttpContext> limiter) => new()
    {
        GlobalLimiter = limiter,
        OnRejected = (context, _) => new ValueTask(RefuseAsync(context.HttpContext, context.Lease)),
    };

    private static RateLimitPartition<string> Fixed(string key, RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true,
        });

    private static Kind KindOf(HttpContext http)
    {
        var path = http.Request.Path;
        var post = HttpMethods.IsPost(http.Request.Method);
        if (post && path.Equals("/account/signin", StringComparison.OrdinalIgnoreCase)) return Kind.SignIn;
        if (post && path.Equals("/connect/token", StringComparison.OrdinalIgnoreCase)) return Kind.Token;
        if (path.Equals("/graphql", StringComparison.OrdinalIgnoreCase)) return Kind.GraphQL;
        // The rest of the OpenID endpoints are redirects within a sign-in already limited above.
        if (path.StartsWithSegments("/connect") || path.StartsWithSegments("/signin-oidc")) return Kind.None;
        return http.GetEndpoint() is null ? Kind.None : Kind.Page; // no endpoint: a 404 (static files were served before)
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The signed-in user, else the client address: whose budget a request spends.</summary>
    public static string Caller(HttpContext http) =>
        http.RequestServices.GetRequiredService<ICurrentActor>().UserId is { } id ? "user:" + id : "ip:" + Address(http);

    /// <summary>The email typed into the sign-in form, or the client a token request names (form or Basic header).</summary>
    private static string? Account(HttpContext http)
    {
        if (!http.Request.HasFormContentType) return null;
        var form = http.Request.Form;
        var account = KindOf(http) == Kind.SignIn ? form["Email"].ToString() : form["client_id"].ToString();
        if (account.Length == 0 && BasicClientId(http) is { } client) account = client;
        return account.Length == 0 ? null : account.Trim().ToLowerInvariant();
    }

    private static string? BasicClientId(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return Uri.UnescapeDataString(pair.Split(':')[0]);
        }
        catch (FormatException) { return null; }
    }

    private static Task RefuseAsync(HttpContext http, RateLimitLease lease)
    {
        var seconds = GraphQLCostBudget.RetryAfterSeconds(lease);
        var message = $"Too many requests; try again in {seconds} seconds.";
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitExtensions))
            .LogWarning("Rate limit reached on {Path} by {Address}; refused for {Seconds} s.",
                http.Request.Path, Address(http), seconds);
        return KindOf(http) switch
        {
            Kind.GraphQL => http.Response.WriteAsJsonAsync(new
            {
                errors = new[] { new { message, extensions = new { code = RateLimitedCode, retryAfterSeconds = seconds } } },
            }),
            Kind.Token => http.Response.WriteAsJsonAsync(new { error = "temporarily_unavailable", error_description = message }),
            _ => http.Response.WriteAsync(message),
        };
    }
}

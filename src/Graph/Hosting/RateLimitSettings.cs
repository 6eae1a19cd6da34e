namespace JlnbCrm.Graph.Hosting;

/// <summary>One limit: at most <see cref="PermitLimit"/> requests per partition in each window of <see cref="WindowSeconds"/>.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>
/// <c>Crm:RateLimits</c>: each limit's <c>PermitLimit</c> and <c>WindowSeconds</c> can be set on its own
/// (<c>Crm__RateLimits__GraphQLCostPerUser__PermitLimit=400000</c>); <c>Enabled=false</c> turns them all off. The defaults
/// leave a person at the keyboard untouched and stop a script guessing passwords or draining the database.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "Crm:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in form posts and token requests from one client address (behind a proxy: the forwarded one).</summary>
    public RateLimit SignInPerIp { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>Sign-in form posts for one email, and token requests for one client id, from any address.</summary>
    public RateLimit SignInPerAccount { get; set; } = new() { PermitLimit = 10, WindowSeconds = 300 };

    /// <summary>
    /// The <see cref="OperationCost"/> one signed-in user's GraphQL operations may spend per window (one address's
    /// when anonymous), each request at least 1. The default pays for a few dozen full pages a minute, and for a
    /// handful of operations at the <c>Crm:GraphQL:MaxCost</c> ceiling.
    /// </summary>
    public RateLimit GraphQLCostPerUser { get; set; } = new() { PermitLimit = 200_000, WindowSeconds = 60 };

    /// <summary>Page requests (screens and their form posts) of one signed-in user, or one address when anonymous.</summary>
    public RateLimit PagesPerUser { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };

    public static RateLimitSettings From(IConfiguration config)
    {
        var settings = new RateLimitSettings();
        config.GetSection(Section).Bind(settings);
        return settings;
    }
}

using JlnbCrm.Database;
using JlnbCrm.Graph.Identity;
using JlnbCrm.Seeding;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// Demo data and published credentials belong on a developer's machine. Outside Development the host refuses to
/// start while anyone who has read the source or the README could sign in: demo accounts still on the published
/// password, or an integration configured with the published secret. A demo deployment says so on purpose
/// (<c>Crm:DemoData=true</c>).
/// </summary>
public static class DeploymentSafety
{
    public const string DemoDataKey = "Crm:DemoData";

    /// <summary>Demo data (seeding, demo accounts): on in Development unless turned off, elsewhere only when asked for.</summary>
    public static bool DemoDataAllowed(IConfiguration config, IHostEnvironment environment) =>
        config.GetValue<bool?>(DemoDataKey) ?? environment.IsDevelopment();

    /// <summary>Throws <see cref="UnsafeDeploymentException"/> naming every published credential this deployment would accept.</summary>
    public static async Task EnsureNoPublishedCredentialsAsync(CrmDbContext db, IConfiguration config, IHostEnvironment environment, ILogger log)
    {
        if (environment.IsDevelopment()) return;
        var problems = new List<string>();
        if (config[OidcClients.SecretKey(OidcClients.Reporting)] == OidcClients.DevelopmentReportingSecret)
            problems.Add($"the integration {OidcClients.Reporting} is configured with the secret published in the source; "
                + $"set {OidcClients.SecretKey(OidcClients.Reporting)} to a secret of your own");
        if (DemoDataAllowed(config, environment))
            log.LogWarning("{Key}=true: demo accounts with the published password are accepted in the {Environment} environment.",
                DemoDataKey, environment.EnvironmentName);
        else if (await DemoAccountsOnPublishedPasswordAsync(db) is { Count: > 0 } demo)
            problems.Add($"{demo.Count} demo account(s) ({string.Join(", ", demo.Take(3))}…) still sign in with the published demo password; "
                + $"change their passwords or deactivate them, or set {DemoDataKey}=true for a demo deployment");
        if (problems.Count == 0) return;
        var message = $"Refusing to start in the {environment.EnvironmentName} environment: " + string.Join("; and ", problems) + ".";
        log.LogCritical("{Message}", message);
        throw new UnsafeDeploymentException(message);
    }

    /// <summary>
    /// Active demo accounts whose password is still the published one. The seeder hashes it once for every demo
    /// account, so each distinct hash is checked once: start-up stays fast.
    /// </summary>
    private static async Task<List<string>> DemoAccountsOnPublishedPasswordAsync(CrmDbContext db)
    {
        var emails = DemoDirectory.People.Select(p => p.Email).ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => u.IsActive && emails.Contains(u.Email)).ToListAsync();
        return accounts.GroupBy(u => u.PasswordHash)
            .Where(same => Passwords.Verify(same.First(), DemoDirectory.Password))
            .SelectMany(same => same.Select(u => u.Email)).Order().ToList();
    }
}

/// <summary>The host would accept a credential anyone can read in the source or the README.</summary>
public sealed class UnsafeDeploymentException(string message) : InvalidOperationException(message);

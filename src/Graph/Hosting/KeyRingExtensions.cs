using JlnbCrm.Database;
using Microsoft.AspNetCore.DataProtection;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// ASP.NET Core's data-protection keys (they protect the sign-in cookie, anti-forgery tokens and OpenIddict's
/// cookie-borne state) live in the CRM's database, not in a folder of one machine: a cookie or a form issued by one
/// instance is read by every other, and by the same instance after a restart.
/// </summary>
public static class KeyRingExtensions
{
    /// <summary>
    /// One application name for every instance: by default ASP.NET Core isolates apps by their content root path,
    /// so two servers installed in different folders would not read each other's payloads even with one key ring.
    /// </summary>
    public const string ApplicationName = "JlnbCrm";

    public static void AddCrmKeyRing(this IHostApplicationBuilder builder) =>
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CrmDbContext>();
}

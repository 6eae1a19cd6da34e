using System.Security.Cryptography.X509Certificates;
using JlnbCrm.Database;
using Microsoft.AspNetCore.DataProtection;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// ASP.NET Core's data-protection keys (they protect the sign-in cookie, anti-forgery tokens and OpenIddict's
/// cookie-borne state) live in the CRM's database, not in a folder of one machine: a cookie or a form issued by one
/// instance is read by every other, and by the same instance after a restart. With a certificate configured
/// (<c>Crm:DataProtection:CertificatePath</c>, as for the OpenID keys), each key is encrypted with it before it is
/// stored, so reading the table is not enough to forge a cookie.
/// </summary>
public static class KeyRingExtensions
{
    /// <summary>
    /// One application name for every instance: by default ASP.NET Core isolates apps by their content root path,
    /// so two servers installed in different folders would not read each other's payloads even with one key ring.
    /// </summary>
    public const string ApplicationName = "JlnbCrm";
    public const string CertificatePathKey = "Crm:DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "Crm:DataProtection:CertificatePassword";

    public static void AddCrmKeyRing(this IHostApplicationBuilder builder)
    {
        var keyRing = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CrmDbContext>();
        if (Certificate(builder.Configuration) is { } certificate)
            keyRing.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    /// <summary>The certificate (a .pfx, or a .pem holding the certificate and its key) that encrypts stored keys.</summary>
    private static X509Certificate2? Certificate(IConfiguration config)
    {
        if (config[CertificatePathKey] is not { Length: > 0 } path) return null;
        var certificate = Path.GetExtension(path).Equals(".pem", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509CertificateLoader.LoadPkcs12FromFile(path, config[CertificatePasswordKey]);
        return certificate.HasPrivateKey ? certificate
            : throw new InvalidOperationException($"{CertificatePathKey}: the certificate has no private key.");
    }
}

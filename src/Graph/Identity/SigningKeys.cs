using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace JlnbCrm.Graph.Identity;

/// <summary>
/// The provider's signing and encryption keys. Every instance must sign and validate with the same keys, so they
/// come from configuration (the same secret on every instance), in this order:
/// <list type="number">
/// <item><c>Crm:Oidc:SigningKey</c> and <c>Crm:Oidc:EncryptionKey</c>: PEM text, an RSA private key or a
/// certificate with its private key (for an environment variable or a secret store);</item>
/// <item><c>Crm:Oidc:SigningCertificatePath</c> and <c>Crm:Oidc:EncryptionCertificatePath</c>: a PFX (with
/// <c>…CertificatePassword</c>) or PEM file, e.g. a mounted secret;</item>
/// <item><c>Crm:Oidc:KeysPath</c>, when set: a folder of PEM keys, created on first start (a volume every
/// instance mounts);</item>
/// <item>in Development (and the test host) only, that folder's default, <c>App_Data/oidc-keys</c>.</item>
/// </list>
/// Anywhere else, with none of these, the server refuses to start (<see cref="Refusal"/>): a key made up by one
/// instance would make every other instance reject its tokens, and a restart would sign everyone out of the front
/// ends. The one-shot commands (<c>--migrate</c>, <c>--create-admin</c>) issue no tokens and run without keys.
/// </summary>
public static class SigningKeys
{
    public sealed record Keys(SecurityKey Signing, SecurityKey Encryption);

    public const string MissingMessage = "The OpenID provider's keys are not configured. Outside Development every "
        + "instance must sign with the same keys: set Crm:Oidc:SigningKey and Crm:Oidc:EncryptionKey (PEM), or "
        + "Crm:Oidc:SigningCertificatePath and Crm:Oidc:EncryptionCertificatePath, or Crm:Oidc:KeysPath (a folder "
        + "every instance shares). See docs/deploy.md.";

    /// <summary>The configured keys; null when none are configured where a default folder is not allowed.</summary>
    public static Keys? From(IConfiguration config, IHostEnvironment environment)
    {
        var oidc = config.GetSection("Crm:Oidc");
        var signing = Configured(oidc, "Signing");
        var encryption = Configured(oidc, "Encryption");
        if (signing is not null && encryption is not null) return new Keys(signing, encryption);
        if (signing is not null || encryption is not null)
            throw new InvalidOperationException("Configure both the signing and the encryption key (Crm:Oidc:SigningKey "
                + "and Crm:Oidc:EncryptionKey, or both …CertificatePath settings), not one of them.");

        var defaultFolderAllowed = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        var configuredFolder = oidc["KeysPath"] is { Length: > 0 } path ? path : null;
        if (configuredFolder is null && !defaultFolderAllowed) return null;
        var folder = Path.GetFullPath(configuredFolder ?? "App_Data/oidc-keys", environment.ContentRootPath);
        return new Keys(LoadOrCreate(Path.Combine(folder, "signing.pem")), LoadOrCreate(Path.Combine(folder, "encryption.pem")));
    }

    /// <summary>Stops the server's start (not the one-shot commands, which start no hosted service) without keys.</summary>
    public sealed class Refusal(ILogger<Refusal> log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            log.LogCritical("{Refusal} Refusing to start.", MissingMessage);
            throw new InvalidOperationException(MissingMessage);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The key in <c>{use}Key</c> (PEM text) or <c>{use}CertificatePath</c>; null when neither is set.</summary>
    private static SecurityKey? Configured(IConfigurationSection oidc, string use)
    {
        if (oidc[use + "Key"] is { Length: > 0 } pem) return FromPem(pem, $"Crm:Oidc:{use}Key");
        if (oidc[use + "CertificatePath"] is not { Length: > 0 } path) return null;
        var password = oidc[use + "CertificatePassword"];
        if (Path.GetExtension(path).Equals(".pem", StringComparison.OrdinalIgnoreCase))
            return FromPem(File.ReadAllText(path), $"Crm:Oidc:{use}CertificatePath");
        return WithPrivateKey(X509CertificateLoader.LoadPkcs12FromFile(path, password), $"Crm:Oidc:{use}CertificatePath");
    }

    /// <summary>A certificate with its key (both PEM blocks in one text), or a bare RSA private key.</summary>
    public static SecurityKey FromPem(string pem, string setting)
    {
        if (pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            return WithPrivateKey(X509Certificate2.CreateFromPem(pem, pem), setting);
        var rsa = RSA.Create();
        try { rsa.ImportFromPem(pem); }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{setting} is not a PEM RSA private key: {e.Message}", e);
        }
        if (rsa.KeySize < 2048)
            throw new InvalidOperationException($"{setting} is a {rsa.KeySize}-bit key; use 2048 bits or more.");
        return WithStableId(rsa);
    }

    private static SecurityKey WithPrivateKey(X509Certificate2 certificate, string setting) =>
        certificate.HasPrivateKey ? new X509SecurityKey(certificate)
            : throw new InvalidOperationException($"{setting}: the certificate has no private key.");

    /// <summary>
    /// A key id from the public key, the same on every instance, so validators pick the right key after a rotation.
    /// </summary>
    private static RsaSecurityKey WithStableId(RSA rsa) =>
        new(rsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey())[..16]) };

    private static RsaSecurityKey LoadOrCreate(string file)
    {
        if (!File.Exists(file)) Create(file);
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(file));
        return WithStableId(rsa);
    }

    /// <summary>Writes a new key readable by this user only; if another instance won the race, its key is kept.</summary>
    private static void Create(string file)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var rsa = RSA.Create(2048);
        var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, options)) writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        try { File.Move(temporary, file, overwrite: false); }
        catch (IOException) when (File.Exists(file)) { File.Delete(temporary); }
    }
}

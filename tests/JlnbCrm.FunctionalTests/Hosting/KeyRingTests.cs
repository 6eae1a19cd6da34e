using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.Graph.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JlnbCrm.FunctionalTests.Hosting;

/// <summary>
/// With Crm:DataProtection:CertificatePath set, a key the instance creates is stored encrypted with that certificate
/// (the XML in the database holds no key material), and the instance still protects and reads payloads with it.
/// </summary>
public abstract class KeyRingTests<TApp>(TApp app) : IClassFixture<TApp>, IDisposable where TApp : class, IGraphApp
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"crm-keyring-{Guid.NewGuid():N}.pfx");

    public void Dispose() => File.Delete(_pfx);

    [Fact]
    public async Task A_new_key_is_stored_encrypted_with_the_configured_certificate()
    {
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=crm-keyring-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(_pfx, certificate.Export(X509ContentType.Pfx, "a-password"));
        }
        await using var host = app.AnotherInstance(web =>
        {
            web.UseSetting(KeyRingExtensions.CertificatePathKey, _pfx);
            web.UseSetting(KeyRingExtensions.CertificatePasswordKey, "a-password");
        });
        host.CreateClient(); // starts the instance

        var key = host.Services.GetRequiredService<IKeyManager>()
            .CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        var repository = host.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository!;
        var stored = Assert.Single(repository.GetAllElements(), e => e.Attribute("id")?.Value == key.KeyId.ToString());
        var xml = stored.ToString();
        Assert.Contains("encryptedSecret", xml);
        Assert.Contains("EncryptedXmlDecryptor", xml); // XML encryption to the certificate
        Assert.DoesNotContain("unencrypted form", xml);

        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("KeyRingTests");
        Assert.Equal("a payload", protector.Unprotect(protector.Protect("a payload")));
    }
}

public sealed class PostgresKeyRingTests(PostgresGraphApp app) : KeyRingTests<PostgresGraphApp>(app);
public sealed class SqliteKeyRingTests(SqliteGraphApp app) : KeyRingTests<SqliteGraphApp>(app);

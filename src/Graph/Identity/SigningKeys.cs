using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace JlnbCrm.Graph.Identity;

/// <summary>
/// The provider's RSA signing and encryption keys, kept as PEM files in a folder (<c>Crm:Oidc:KeysPath</c>,
/// by default <c>App_Data/oidc-keys</c>) and created on first start. Keeping them means a restart, or a second
/// instance sharing the folder, accepts the tokens, codes and refresh tokens already handed out.
/// </summary>
public static class SigningKeys
{
    public static string FolderFrom(IConfiguration config, string contentRoot) =>
        Path.GetFullPath(config["Crm:Oidc:KeysPath"] ?? "App_Data/oidc-keys", contentRoot);

    public static RsaSecurityKey Signing(string folder) => LoadOrCreate(Path.Combine(folder, "signing.pem"));

    public static RsaSecurityKey Encryption(string folder) => LoadOrCreate(Path.Combine(folder, "encryption.pem"));

    private static RsaSecurityKey LoadOrCreate(string file)
    {
        if (!File.Exists(file)) Create(file);
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(file));
        // A stable key id (from the public key), so validators can pick the right key after a rotation.
        var id = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey())[..16]);
        return new RsaSecurityKey(rsa) { KeyId = id };
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

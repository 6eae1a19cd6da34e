using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL;
using Microsoft.Extensions.Caching.Memory;
using JlnbCrm.Graph.Hosting;
using OpenIddict.Abstractions;

namespace JlnbCrm.Graph.Endpoint;

/// <summary>
/// Persisted and trusted operations, as Apollo clients speak them (automatic persisted queries, version 1): a
/// request may name its operation by <c>extensions.persistedQuery.sha256Hash</c> instead of (or beside) its text.
/// <list type="bullet">
/// <item>Registered operations are the front ends' manifests checked in under <c>clients/</c> (one JSON file per
/// app: the lowercase hex SHA-256 of the operation's UTF-8 text → that text), read at start-up; a file whose hash
/// does not match its text stops the start.</item>
/// <item>Automatic persisting (Development, or <c>Crm:GraphQL:PersistedQueries:AutoRegister=true</c>): a request
/// with both text and hash registers the text for later hash-only requests. These live in this process only (a
/// bounded cache): another instance, or this one after a restart, answers <c>PERSISTED_QUERY_NOT_FOUND</c> once
/// and the client re-sends the text, which is what the protocol expects of a cache.</item>
/// <item>Trusted only: OAuth clients listed in <c>Crm:GraphQL:TrustedOnly:Clients</c> may run manifest operations
/// only; free text (or an automatically persisted hash) is refused with <c>TRUSTED_OPERATION_REQUIRED</c>.</item>
/// </list>
/// </summary>
public sealed class PersistedOperations
{
    public const string NotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string HashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";
    public const string VersionNotSupported = "PERSISTED_QUERY_VERSION_NOT_SUPPORTED";
    public const string Invalid = "PERSISTED_QUERY_INVALID";
    public const string TrustedOnly = "TRUSTED_OPERATION_REQUIRED";
    public const string FolderKey = "Crm:GraphQL:PersistedQueries:Folder";
    public const string AutoRegisterKey = "Crm:GraphQL:PersistedQueries:AutoRegister";
    public const string TrustedOnlyKey = "Crm:GraphQL:TrustedOnly:Clients";
    /// <summary>
    /// The automatically persisted operations are kept within this many bytes (their text and hash as .NET strings, plus
    /// <see cref="EntryOverheadBytes"/> each); past it the least recently used go first. Bytes, not entries: 10,000
    /// entries near the 256 KB body limit would have held some 5 GB; this holds thousands of ordinary operations.
    /// </summary>
    public const long AutomaticCapacityBytes = 16 * 1024 * 1024;

    /// <summary>What one cache entry costs besides its strings (the entry object, its options, the cache's bookkeeping).</summary>
    public const int EntryOverheadBytes = 256;

    private readonly IReadOnlyDictionary<string, string> _registered;
    private readonly bool _autoRegister;
    private readonly IReadOnlySet<string> _trustedOnlyClients;
    private readonly MemoryCache _automatic = new(new MemoryCacheOptions { SizeLimit = AutomaticCapacityBytes });

    public PersistedOperations(IConfiguration configuration, IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, configuration[FolderKey] ?? "clients");
        _registered = LoadManifests(folder);
        _autoRegister = configuration.GetValue<bool?>(AutoRegisterKey) ?? environment.IsDevelopment();
        _trustedOnlyClients = configuration.GetSection(TrustedOnlyKey).Items().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The lowercase hex SHA-256 of an operation's UTF-8 text: its name in manifests and requests.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Every manifest in the folder, each hash checked against its text.</summary>
    public static IReadOnlyDictionary<string, string> LoadManifests(string folder)
    {
        var operations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(folder)) return operations;
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))
                ?? throw new InvalidOperationException($"{file} must hold a JSON object: hash → operation text.");
            foreach (var (hash, text) in manifest)
            {
                if (HashOf(text) != hash)
                    throw new InvalidOperationException($"{file}: {hash} is not the SHA-256 of its operation text ({HashOf(text)}).");
                operations[hash] = text;
            }
        }
        return operations;
    }

    /// <summary>The text to run for a request, or why it is refused (a GraphQL error with one of this class's codes).</summary>
    public (string? Query, ExecutionError? Refusal) Resolve(GraphQLHttpRequest request, ClaimsPrincipal user)
    {
        var trustedOnly = ClientId(user) is { } client && _trustedOnlyClients.Contains(client);
        if (request.Extensions is not { } extensions || !extensions.TryGetProperty("persistedQuery", out var persisted)
            || persisted.ValueKind == JsonValueKind.Null)
        {
            return trustedOnly
                ? (null, Refuse(TrustedOnly, "This client may only run its registered operations: send extensions.persistedQuery.sha256Hash."))
                : (request.Query, null);
        }
        if (persisted.ValueKind != JsonValueKind.Object || !persisted.TryGetProperty("sha256Hash", out var hashValue)
            || hashValue.ValueKind != JsonValueKind.String)
            return (null, Refuse(Invalid, "extensions.persistedQuery must be an object with a string sha256Hash."));
        if (!persisted.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
            || !version.TryGetInt32(out var number) || number != 1)
            return (null, Refuse(VersionNotSupported, "Only version 1 of persisted queries is supported (extensions.persistedQuery.version)."));

        var hash = hashValue.GetString()!.ToLowerInvariant();
        if (request.Query is null)
        {
            if (_registered.TryGetValue(hash, out var registered)) return (registered, null);
            if (!trustedOnly && _automatic.TryGetValue(hash, out string? remembered)) return (remembered, null);
            // Apollo clients recognise this code (and this message) and re-send the operation with its text.
            return (null, Refuse(NotFound, "PersistedQueryNotFound: no operation is registered under this hash; send it with its query text."));
        }
        if (HashOf(request.Query) != hash)
            return (null, Refuse(HashMismatch, "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query text."));
        if (_registered.ContainsKey(hash)) return (request.Query, null);
        if (trustedOnly)
            return (null, Refuse(TrustedOnly, "This client may only run its registered operations, and this one is not registered."));
        if (_autoRegister) _automatic.Set(hash, request.Query, new MemoryCacheEntryOptions { Size = SizeOf(hash, request.Query) });
        return (request.Query, null);
    }

    /// <summary>An automatically persisted operation's share of <see cref="AutomaticCapacityBytes"/>.</summary>
    public static long SizeOf(string hash, string query) => sizeof(char) * ((long)hash.Length + query.Length) + EntryOverheadBytes;

    /// <summary>The OAuth client a bearer token was issued to; null for the site's cookie.</summary>
    private static string? ClientId(ClaimsPrincipal user) =>
        user.FindFirst(OpenIddictConstants.Claims.ClientId)?.Value ?? user.GetPresenters().FirstOrDefault();

    private static ExecutionError Refuse(string code, string message) => new(message) { Code = code };
}

using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace JlnbCrm.Graph.Endpoint;

/// <summary>
/// An operation's text is parsed and checked against the specification's rules once, not on every request: a front
/// end sends the same few texts all day with other variables, and parsing plus the spec's validation of a clients page
/// was about a fifth of the server's time for it. The spec's rules (<see cref="DocumentValidator.CoreRules"/>) depend
/// only on the text and the schema, so a text that passed them once passes them always. Every rule the app added runs
/// on every request, cached or not — the admin-only fields (they depend on the caller) and the depth and cost limits
/// with the caller's budget (they depend on variables, @skip/@include and the batch) — and variables are coerced
/// and checked per request by GraphQL.NET whatever the rules. Only texts that passed validation are kept, keyed by the
/// exact text, within <see cref="MaxCachedCharacters"/> (beyond that, least recently used texts are dropped), so a
/// client sending endless distinct texts cannot grow the server's memory.
/// </summary>
public sealed class ValidatedDocuments : IConfigureExecution, IDisposable
{
    /// <summary>Characters of operation text kept (the parsed documents take some ten times that).</summary>
    public const long MaxCachedCharacters = 2_000_000;

    private static readonly HashSet<IValidationRule> SpecRules = [.. DocumentValidator.CoreRules];

    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = MaxCachedCharacters });

    /// <summary>After GraphQL.NET's option set-up, which adds the app's rules to the validation rules.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } text) return await next(options);
        if (_documents.TryGetValue(text, out GraphQLDocument? document) && document is not null)
        {
            options.Document = document;
            options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules)
                .Where(rule => !SpecRules.Contains(rule)).ToList();
            return await next(options);
        }
        var result = await next(options);
        // Executed: it passed every rule (so the spec's too) for this caller; the next caller's own rules run again.
        if (result.Executed && result.Document is { } parsed)
            _documents.Set(text, parsed, new MemoryCacheEntryOptions { Size = text.Length });
        return result;
    }

    public void Dispose() => _documents.Dispose();
}

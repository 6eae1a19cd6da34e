using JlnbCrm.Database;
using JlnbCrm.Seeding;
using JlnbCrm.FunctionalTests.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// The real host (Program) over a test database of one provider, driven over HTTP. Shared by the
/// test classes of one provider; every SQL command the app sends is counted.
/// </summary>
public interface IGraphApp
{
    TestDatabase Db { get; }
    SqlCommandCounter Commands { get; }
    /// <summary>A client signed in (OIDC code + PKCE) as the demo administrator.</summary>
    GraphClient Client();
    /// <summary>A client signed in as the given demo user.</summary>
    GraphClient ClientAs(string email);
    /// <summary>An access token for the given demo user (signed in once per fixture).</summary>
    Task<string> TokenAsync(string email);
    /// <summary>A raw HTTP client: no token, keeps cookies, follows no redirects.</summary>
    HttpClient Browser();
    /// <summary>The administrator's HTTP client (bearer token set).</summary>
    HttpClient Http();
    IServiceProvider Services { get; }
    /// <inheritdoc cref="GraphApp{TDatabase}.AnotherInstance"/>
    WebApplicationFactory<Program> AnotherInstance(Action<IWebHostBuilder>? configure = null);
}

public abstract class GraphApp<TDatabase> : IGraphApp, IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private WebApplicationFactory<Program> _factory = null!;

    public TDatabase Database { get; } = new();

    public TestDatabase Db => Database;

    public SqlCommandCounter Commands { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _factory = Instance(configure: null);
    }

    /// <summary>
    /// Another instance of the app over the same database and signing keys, as after a restart or beside a
    /// second server; <paramref name="configure"/> can change its settings. The caller disposes it.
    /// </summary>
    public WebApplicationFactory<Program> AnotherInstance(Action<IWebHostBuilder>? configure = null) => Instance(configure);

    private readonly string _keys = Path.Combine(Path.GetTempPath(), "jlnb-keys-" + Guid.NewGuid().ToString("N"));

    private WebApplicationFactory<Program> Instance(Action<IWebHostBuilder>? configure) => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        var store = Database.Store;
        web.UseEnvironment("Testing");
        web.UseSetting("ConnectionStrings:Crm", store.Provider == CrmProvider.Postgres ? store.ConnectionString : "");
        web.UseSetting("Crm:DataFolder", store.Provider == CrmProvider.Sqlite ? DataFolder(store) : "App_Data");
        // Outside Development demo accounts are refused unless asked for; the test databases hold the demo firm.
        web.UseSetting("Crm:DemoData", "true");
        web.UseSetting("Crm:Oidc:Integrations:jlnb-reporting:Secret", Identity.OidcFlow.ReportingSecret);
        web.UseSetting("Crm:Oidc:KeysPath", _keys);
        // Tests drive one user far faster than a person; RateLimitTests turn the limits on for their own hosts.
        web.UseSetting("Crm:RateLimits:Enabled", "false");
        web.ConfigureTestServices(services =>
        {
            services.AddSingleton<IInterceptor>(Commands);
            ConfigureServices(services);
        });
        configure?.Invoke(web);
    });

    /// <summary>Lets a fixture replace services (the clock, the signed-in user) for its tests.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public const string Admin = "admin@jlnb.in";

    private readonly Dictionary<string, Task<string>> _tokens = new();

    public GraphClient Client() => ClientAs(Admin);

    public GraphClient ClientAs(string email) => new(Authorized(email));

    public HttpClient Http() => Authorized(Admin);

    public HttpClient Browser() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public Task<string> TokenAsync(string email)
    {
        lock (_tokens)
        {
            if (!_tokens.TryGetValue(email, out var token))
                _tokens[email] = token = SignInAsync(email);
            return token;
        }
    }

    private async Task<string> SignInAsync(string email) =>
        (await Identity.OidcFlow.SignInAsync(Browser(), email, DemoDirectory.Password)).AccessToken;

    private HttpClient Authorized(string email)
    {
        var http = _factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TokenAsync(email).GetAwaiter().GetResult());
        return http;
    }

    public IServiceProvider Services => _factory.Services;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(_keys)) Directory.Delete(_keys, recursive: true);
    }

    private static string DataFolder(CrmStore store) =>
        Path.GetDirectoryName(store.ConnectionString["Data Source=".Length..])!;
}

public sealed class PostgresGraphApp : GraphApp<PostgresDatabase>;
public sealed class SqliteGraphApp : GraphApp<SqliteDatabase>;

/// <summary>
/// Counts the SQL commands EF Core executes (reads and writes), and the transactions it begins and commits: on
/// PostgreSQL each begin is a round trip of its own (BEGIN with the row-security set-up, RowSecuritySession), as is
/// each commit, so <see cref="RoundTrips"/> is what a request costs in waits on the server.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor, IDbTransactionInterceptor
{
    private int _begun, _committed;

    /// <summary>Commands plus begun and committed transactions, since the last reset.</summary>
    public int RoundTrips => Count + Volatile.Read(ref _begun) + Volatile.Read(ref _committed);

    public ValueTask<System.Data.Common.DbTransaction> TransactionStartedAsync(System.Data.Common.DbConnection connection,
        TransactionEndEventData eventData, System.Data.Common.DbTransaction result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _begun);
        _texts.Enqueue("BEGIN (with the row-security set-up)");
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _committed);
        _texts.Enqueue("COMMIT");
        return Task.CompletedTask;
    }

    private void Counted(System.Data.Common.DbCommand command)
    {
        Interlocked.Increment(ref _count);
        _texts.Enqueue(command.CommandText);
    }

    private int _count;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

    public int Count => Volatile.Read(ref _count);

    /// <summary>The commands counted since the last reset, for a failing assertion to show.</summary>
    public string Texts => string.Join("\n---\n", _texts);

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _begun, 0);
        Interlocked.Exchange(ref _committed, 0);
        _texts.Clear();
    }

    public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(System.Data.Common.DbCommand command,
        CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Counted(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

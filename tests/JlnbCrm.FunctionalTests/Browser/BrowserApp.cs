using JlnbCrm.Database;
using JlnbCrm.FunctionalTests.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JlnbCrm.FunctionalTests.Browser;

/// <summary>
/// The real host on a real Kestrel socket (a browser cannot reach TestServer) over a PostgreSQL test
/// database (or, through <see cref="SqliteBrowserApp"/>, the embedded SQLite store), plus Debian's Chromium driven
/// by Playwright. Screenshots go to the test output folder.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;

    // xUnit builds a fixture through its one public constructor: PostgreSQL; subclasses pick another store.
    public BrowserApp() : this(new PostgresDatabase()) { }

    protected BrowserApp(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            var store = Database.Store;
            web.UseSetting("ConnectionStrings:Crm", store.Provider == CrmProvider.Postgres ? store.ConnectionString : "");
            // The embedded store is the SQLite file in the data folder, as `dotnet run` keeps it in App_Data.
            if (store.Provider == CrmProvider.Sqlite)
                web.UseSetting("Crm:DataFolder", Path.GetDirectoryName(store.ConnectionString["Data Source=".Length..])!);
            web.UseSetting("Crm:DemoData", "true"); // the test database holds the demo firm
            web.UseSetting("Crm:Oidc:KeysPath", Path.Combine(Path.GetTempPath(), "jlnb-browser-keys"));
            // Tests drive one user far faster than a person; RateLimitTests turn the limits on for their own hosts.
            web.UseSetting("Crm:RateLimits:Enabled", "false");
            web.ConfigureServices(ConfigureServices);
            KestrelHost.OnAFreePort(web);
        });
        BaseAddress = KestrelHost.Start(_factory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // No sandbox in containers; no background traffic to hosts this network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>Lets a fixture replace services (the clock) for its tests.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public IServiceProvider Services => _factory.Services;

    /// <summary>A blank page in a fresh browser context (own cookies and storage).</summary>
    /// <param name="javaScript">Off to see what the server itself answers (no client-side validation).</param>
    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 860 }, JavaScriptEnabled = javaScript,
        });
        return await context.NewPageAsync();
    }

    /// <summary>A page of the app in a fresh browser context, which must answer 2xx.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var page = await NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = false });

    /// <summary>
    /// A screenshot from a test both providers run: only the PostgreSQL run saves it, so the two runs (parallel
    /// collections) never write one file at once and each image, like those in docs/, shows one store's pages.
    /// </summary>
    public Task ScreenshotOnceAsync(IPage page, string name) =>
        Database.Provider == CrmProvider.Postgres ? ScreenshotAsync(page, name) : Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The site over the embedded SQLite store, for screens whose tests run on both providers.</summary>
public sealed class SqliteBrowserApp() : BrowserApp(new SqliteDatabase());

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}

/// <summary>
/// One SQLite site for the classes that also run there, as <see cref="BrowserCollection"/> is for PostgreSQL: one
/// host, demo firm and Chromium instead of one per class, and its classes run one after another on a loaded machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteBrowserCollection : ICollectionFixture<SqliteBrowserApp>
{
    public const string Name = "browser-sqlite";
}

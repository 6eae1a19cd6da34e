using System.Security.Cryptography;
using System.Text;
using JlnbCrm.Graph.Telemetry;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// Logs, traces and metrics a platform's standard tools read:
/// <list type="bullet">
/// <item>every log entry carries the trace and span id of the request it belongs to; with
/// <c>Logging:Console:FormatterName=json</c> the console writes one JSON object per entry, ids included;</item>
/// <item>OpenTelemetry traces (HTTP, EF Core's SQL, one span per GraphQL operation) and metrics (HTTP, Npgsql's
/// pool, <see cref="GraphQLTelemetry"/>) go over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the
/// other standard <c>OTEL_*</c> variables apply);</item>
/// <item>a Prometheus scrape endpoint when <c>Crm:Telemetry:Prometheus:Enabled</c> is true, at
/// <c>Crm:Telemetry:Prometheus:Path</c> (default <c>/metrics</c>), asking for
/// <c>Authorization: Bearer {Crm:Telemetry:Prometheus:ScrapeToken}</c> when that secret is set.</item>
/// </list>
/// </summary>
public static class TelemetryExtensions
{
    public const string ServiceName = "jlnb-crm";

    private sealed record Settings(bool Otlp, bool Prometheus, string MetricsPath, string? ScrapeToken)
    {
        public static Settings From(IConfiguration config) => new(
            config["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 },
            config.GetValue("Crm:Telemetry:Prometheus:Enabled", false),
            config["Crm:Telemetry:Prometheus:Path"] is { Length: > 0 } path ? path : "/metrics",
            config["Crm:Telemetry:Prometheus:ScrapeToken"] is { Length: > 0 } token ? token : null);
    }

    public static void AddCrmTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        // The ids travel as a logging scope: the JSON formatter writes them only with scopes on.
        builder.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Services.AddSingleton<GraphQLTelemetry>();

        var settings = Settings.From(builder.Configuration);
        if (!settings.Otlp && !settings.Prometheus) return;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddMeter(GraphQLTelemetry.Name, "Npgsql");
                // Fresh numbers on every scrape: the default cache would hide an operation that just ran.
                if (settings.Prometheus) metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        if (!settings.Otlp) return;
        telemetry.WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation(http => http.Filter = context => !IsProbe(context.Request.Path, settings))
            .AddEntityFrameworkCoreInstrumentation()
            .AddSource(GraphQLTelemetry.Name));
        telemetry.UseOtlpExporter();
    }

    /// <summary>The scrape endpoint, when enabled; outside Development without a token the log says it is open.</summary>
    public static void MapCrmMetrics(this WebApplication app)
    {
        var settings = Settings.From(app.Configuration);
        if (!settings.Prometheus) return;
        if (settings.ScrapeToken is null && !app.Environment.IsDevelopment())
            app.Logger.LogWarning("The metrics endpoint {Path} answers anyone who reaches it: set "
                + "Crm:Telemetry:Prometheus:ScrapeToken, or keep the path off the load balancer.", settings.MetricsPath);
        app.MapPrometheusScrapingEndpoint(settings.MetricsPath, meterProvider: null, optionsName: null,
            configureBranchedPipeline: branch => branch.Use((http, next) => Authorized(http, settings.ScrapeToken)
                ? next(http)
                : Refuse(http))).DisableRateLimiting();
    }

    private static bool IsProbe(PathString path, Settings settings) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(settings.MetricsPath);

    private static bool Authorized(HttpContext http, string? token)
    {
        if (token is null) return true;
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(token));
    }

    private static Task Refuse(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

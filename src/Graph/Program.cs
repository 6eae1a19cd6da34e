using JlnbCrm.Graph.Hosting;
using JlnbCrm.Graph.Identity;
using JlnbCrm.Graph.Subscriptions;

var builder = WebApplication.CreateBuilder(args);

builder.AddCrmTelemetry();
builder.AddCrmBrowserHardening();
builder.AddCrmCors();
builder.AddCrmPersistence();
builder.AddCrmKeyRing();
builder.AddCrmHealth();
builder.AddCrmGracefulShutdown();
builder.AddCrmIdentity();
builder.AddCrmRateLimits();
builder.AddCrmGraph();
builder.AddCrmSubscriptions();
builder.AddCrmPages();

var app = builder.Build();

if (await app.RunCommandAsync(args)) return;

await app.PrepareDatabaseAsync();

app.UseCrmBrowserHardening();
app.UseStaticFiles();
app.UseCrmCors();
app.UseCrmSignInRateLimits();
app.UseCrmIdentity();
app.UseCrmUserRateLimits();
app.UseCrmSubscriptions();
app.MapHealth();
app.MapCrmMetrics();
app.MapCrmIdentity();
app.MapCrmGraphQL();
app.MapGraphQLIde();
app.MapCrmPages();

app.AnnounceUrls();

app.Run();

public partial class Program;

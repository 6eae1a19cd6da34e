using JlnbCrm.Graph.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCrmPersistence();
builder.AddCrmGraph();

var app = builder.Build();

if (await app.RunCommandAsync(args)) return;

await app.PrepareDatabaseAsync();

app.UseStaticFiles();
app.MapHealth();
app.MapCrmGraphQL();
app.MapGraphQLIde();

app.AnnounceUrls();

app.Run();

public partial class Program;

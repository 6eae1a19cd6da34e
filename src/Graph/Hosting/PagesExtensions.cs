namespace JlnbCrm.Graph.Hosting;

/// <summary>The Razor Pages site (src/AdminPages, a Razor class library) mounted in this host.</summary>
public static class PagesExtensions
{
    public static void AddCrmPages(this IHostApplicationBuilder builder) =>
        builder.Services.AddRazorPages().AddApplicationPart(typeof(JlnbCrm.AdminPages.IndexModel).Assembly);

    public static void MapCrmPages(this WebApplication app) => app.MapRazorPages();
}

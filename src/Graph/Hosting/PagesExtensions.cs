using JlnbCrm.AdminPages.Listing;

namespace JlnbCrm.Graph.Hosting;

/// <summary>The Razor Pages site (src/AdminPages, a Razor class library) mounted in this host.</summary>
public static class PagesExtensions
{
    public const string AdminPolicy = "Admin";

    public static void AddCrmPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(pages =>
                // Belt and braces: the admin services refuse non-admins too, but these screens are not even shown.
                pages.Conventions.AuthorizeFolder("/Admin", AdminPolicy))
            .AddMvcOptions(mvc => mvc.Filters.Add<ListInputRefusals>()) // a forged cursor is no 500
            .AddApplicationPart(typeof(JlnbCrm.AdminPages.IndexModel).Assembly);
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(((int)Users.RoleLevel.Admin).ToString()));
        builder.Services.AddScoped<Choices>();
        builder.Services.AddScoped<History>();
    }

    public static void MapCrmPages(this WebApplication app) => app.MapRazorPages();
}
